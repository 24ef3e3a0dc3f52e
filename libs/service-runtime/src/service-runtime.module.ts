import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Failpoints, type ServiceConfig } from '@conveyor/config';
import { ObservabilityModule } from '@conveyor/observability';
import { serviceDataSourceOptions, type ServiceDatabase } from '@conveyor/persistence';
import { ServiceMessagingModule } from './service-messaging.module';

export interface ServiceRuntimeOptions {
  serviceName: string;
  config: ServiceConfig;
  database: ServiceDatabase;
  consumerConcurrency: number;
}

/**
 * What every Conveyor process runs on, imported once by each app's root module: logs, probes and
 * metrics; its own database schema; its queues with outbox, inbox and consumers; failpoints.
 */
@Module({})
export class ServiceRuntimeModule {
  static forRoot(options: ServiceRuntimeOptions): DynamicModule {
    const { config, database } = options;
    return {
      module: ServiceRuntimeModule,
      global: true,
      imports: [
        ObservabilityModule.forRoot({
          serviceName: options.serviceName,
          logLevel: config.logLevel,
          prettyLogs: config.prettyLogs,
        }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: config.database.url,
            poolSize: config.database.poolSize,
            schema: database.schema,
            applicationName: options.serviceName,
            entities: database.entities,
          }),
        ),
        ServiceMessagingModule.forRoot({
          schema: database.schema,
          sqs: config.sqs,
          consumerConcurrency: options.consumerConcurrency,
        }),
      ],
      providers: [{ provide: Failpoints, useValue: new Failpoints(config.failpoints) }],
      exports: [Failpoints],
    };
  }
}
