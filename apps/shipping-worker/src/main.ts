// First: source maps for this repository's code, before any of it loads.
import '@conveyor/source-maps';
// Then tracing, before anything it instruments is loaded (see docs/tracing.md).
import './shipping-worker.tracing';
import { configOrExit } from '@conveyor/config';
import { bootstrapService } from '@conveyor/observability';
import { ShippingWorkerModule } from './shipping-worker.module';
import { loadShippingWorkerConfig } from './shipping-worker.config';

const config = configOrExit(loadShippingWorkerConfig);
void bootstrapService(ShippingWorkerModule.forConfig(config), {
  serviceName: 'shipping-worker',
  port: config.httpPort,
  host: config.httpHost,
  warnings: config.warnings,
});
