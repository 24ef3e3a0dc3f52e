import { bootstrapService } from '@conveyor/observability';
import { InventoryWorkerModule } from './inventory-worker.module';
import { loadInventoryWorkerConfig } from './inventory-worker.config';

const config = loadInventoryWorkerConfig();
void bootstrapService(InventoryWorkerModule.forConfig(config), {
  serviceName: 'inventory-worker',
  port: config.httpPort,
  host: config.httpHost,
});
