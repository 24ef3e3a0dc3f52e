import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@conveyor/service-runtime';
import { inventoryDatabase } from './database/inventory.database';
import type { InventoryWorkerConfig } from './inventory-worker.config';
import { InventoryMessaging } from './inventory.messaging';
import { InventoryQueueConsumer } from './inventory-queue.consumer';
import { ReserveStockHandler } from './stock/reserve-stock/reserve-stock.handler';
import { FulfilReservationHandler } from './stock/fulfil-reservation/fulfil-reservation.handler';
import { ReleaseStockHandler } from './stock/release-stock/release-stock.handler';
import { RestockHandler } from './stock/restock/restock.handler';

@Module({})
export class InventoryWorkerModule {
  static forConfig(config: InventoryWorkerConfig): DynamicModule {
    return {
      module: InventoryWorkerModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          app: 'inventory-worker',
          config,
          database: inventoryDatabase,
          consumerConcurrency: config.consumerConcurrency,
          messaging: InventoryMessaging,
        }),
      ],
      providers: [
        ReserveStockHandler,
        FulfilReservationHandler,
        ReleaseStockHandler,
        RestockHandler,
        InventoryQueueConsumer,
      ],
    };
  }
}
