import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Failpoints, type ServiceConfig } from '@conveyor/config';
import type { ConveyorApp } from '@conveyor/contracts';
import { ObservabilityModule } from '@conveyor/observability';
import { serviceDataSourceOptions, type ServiceDatabase } from '@conveyor/persistence';
import { ServiceMessagingModule } from './service-messaging.module';
import type { AppMessagingToken } from './service-messaging.options';

export interface ServiceRuntimeOptions<App extends ConveyorApp> {
  app: App;
  config: ServiceConfig;
  database: ServiceDatabase;
  consumerConcurrency: number;
  /** The app's TransactionalMessaging subclass, provided as the app's outbox and inbox. */
  messaging: AppMessagingToken<App>;
}

/**
 * What every Conveyor process runs on, imported once by each app's root module: logs, probes and
 * metrics; its own database schema; its queues with outbox, inbox and consumers; failpoints.
 */
@Module({})
export class ServiceRuntimeModule {
  static forRoot<App extends ConveyorApp>(options: ServiceRuntimeOptions<App>): DynamicModule {
    const { config, database } = options;
    const failpoints = new Failpoints(config.failpoints);
    return {
      module: ServiceRuntimeModule,
      global: true,
      imports: [
        ObservabilityModule.forRoot({
          serviceName: options.app,
          logLevel: config.logLevel,
          prettyLogs: config.prettyLogs,
          readinessCheckTimeoutMs: config.timeouts.readinessCheckMs,
        }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: config.database.url,
            ssl: config.database.ssl,
            poolSize: config.database.poolSize,
            schema: database.schema,
            applicationName: options.app,
            entities: database.entities,
            timeouts: config.timeouts.database,
          }),
        ),
        ServiceMessagingModule.forRoot({
          app: options.app,
          schema: database.schema,
          sqs: config.sqs,
          consumerConcurrency: options.consumerConcurrency,
          messaging: options.messaging,
          failpoints,
          timeouts: config.timeouts.sqs,
        }),
      ],
      providers: [{ provide: Failpoints, useValue: failpoints }],
      exports: [Failpoints],
    };
  }
}
