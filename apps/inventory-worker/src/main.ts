// First: source maps for this repository's code, before any of it loads.
import '@conveyor/source-maps';
// Then tracing, before anything it instruments is loaded (see docs/tracing.md).
import './inventory-worker.tracing';
import { configOrExit } from '@conveyor/config';
import { bootstrapService } from '@conveyor/observability';
import { InventoryWorkerModule } from './inventory-worker.module';
import { loadInventoryWorkerConfig } from './inventory-worker.config';

const config = configOrExit(loadInventoryWorkerConfig);
void bootstrapService(InventoryWorkerModule.forConfig(config), {
  serviceName: 'inventory-worker',
  port: config.httpPort,
  host: config.httpHost,
  warnings: config.warnings,
});
