// First: source maps for this repository's code, before any of it loads.
import '@conveyor/source-maps';
// Then tracing, before anything it instruments is loaded (see docs/tracing.md).
import './order-api.tracing';
import { configOrExit } from '@conveyor/config';
import { bootstrapService } from '@conveyor/observability';
import { OrderApiModule } from './order-api.module';
import { loadOrderApiConfig } from './order-api.config';
import { configureHttp } from './http/configure-http';

const config = configOrExit(loadOrderApiConfig);
void bootstrapService(OrderApiModule.forConfig(config), {
  serviceName: 'order-api',
  port: config.httpPort,
  host: config.httpHost,
  warnings: config.warnings,
  configure: configureHttp(config),
});
