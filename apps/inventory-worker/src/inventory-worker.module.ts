import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceRuntimeModule } from '@conveyor/service-runtime';
import { inventoryDatabase } from './database/inventory.database';
import type { InventoryWorkerConfig } from './inventory-worker.config';
import { ReserveStockHandler } from './stock/reserve-stock/reserve-stock.handler';
import { FulfillReservationHandler } from './stock/fulfill-reservation/fulfill-reservation.handler';
import { StockMessagesConsumer } from './stock/stock-messages.consumer';
import { ReleaseStockHandler } from './stock/release-stock/release-stock.handler';
import { RestockHandler } from './stock/restock/restock.handler';

@Module({})
export class InventoryWorkerModule {
  static forConfig(config: InventoryWorkerConfig): DynamicModule {
    return {
      module: InventoryWorkerModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          serviceName: 'inventory-worker',
          config,
          database: inventoryDatabase,
          consumerConcurrency: config.consumerConcurrency,
        }),
      ],
      providers: [
        ReserveStockHandler,
        FulfillReservationHandler,
        ReleaseStockHandler,
        RestockHandler,
        StockMessagesConsumer,
      ],
    };
  }
}
