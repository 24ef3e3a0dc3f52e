import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { loggerParams } from './logging/logger.params';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options';
import { ShutdownState } from './shutdown/shutdown.state';
import { TracingFlushHook } from './shutdown/tracing-flush.hook';

/**
 * Logging, health, metrics and shutdown state for a Conveyor app. Global, so feature modules
 * inject `ReadinessRegistry`, `MetricsService`, `ShutdownState` and nestjs-pino's `Logger` /
 * `PinoLogger` without importing it. Pair with `bootstrapService`, which installs the
 * request-id and HTTP metrics hooks on the Fastify instance.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(options)), TerminusModule.forRoot()],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        MetricsService,
        ReadinessRegistry,
        ShutdownState,
        TracingFlushHook,
      ],
      exports: [MetricsService, ReadinessRegistry, ShutdownState],
    };
  }
}
