import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServiceRuntimeModule } from '@conveyor/service-runtime';
import { ordersDatabase } from './database/orders.database';
import type { OrderApiConfig } from './order-api.config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { PriceList } from './catalog/price-list';
import { ListProductsController } from './catalog/list-products/list-products.controller';
import { OrderRepository } from './orders/persistence/order.repository';
import { PlaceOrderController } from './orders/place-order/place-order.controller';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';
import { GetOrderController } from './orders/get-order/get-order.controller';
import { ApplyOrderEventHandler } from './orders/order-events/apply-order-event.handler';
import { OrderEventsConsumer } from './orders/order-events/order-events.consumer';

@Module({})
export class OrderApiModule {
  static forConfig(config: OrderApiConfig): DynamicModule {
    return {
      module: OrderApiModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          serviceName: 'order-api',
          config,
          database: ordersDatabase,
          consumerConcurrency: config.consumerConcurrency,
        }),
      ],
      controllers: [ListProductsController, PlaceOrderController, GetOrderController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        PriceList,
        OrderRepository,
        PlaceOrderHandler,
        ApplyOrderEventHandler,
        OrderEventsConsumer,
      ],
    };
  }
}
