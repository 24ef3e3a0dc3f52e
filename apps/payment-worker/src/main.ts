// First: source maps for this repository's code, before any of it loads.
import '@conveyor/source-maps';
// Then tracing, before anything it instruments is loaded (see docs/tracing.md).
import './payment-worker.tracing';
import { configOrExit } from '@conveyor/config';
import { bootstrapService } from '@conveyor/observability';
import { PaymentWorkerModule } from './payment-worker.module';
import { loadPaymentWorkerConfig } from './payment-worker.config';

const config = configOrExit(loadPaymentWorkerConfig);
void bootstrapService(PaymentWorkerModule.forConfig(config), {
  serviceName: 'payment-worker',
  port: config.httpPort,
  host: config.httpHost,
  warnings: config.warnings,
});
