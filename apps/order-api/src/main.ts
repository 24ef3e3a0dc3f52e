import { bootstrapService } from '@conveyor/observability';
import { OrderApiModule } from './order-api.module';
import { loadOrderApiConfig } from './order-api.config';
import { configureHttp } from './http/configure-http';

const config = loadOrderApiConfig();
void bootstrapService(OrderApiModule.forConfig(config), {
  serviceName: 'order-api',
  port: config.httpPort,
  host: config.httpHost,
  configure: configureHttp(config),
});
