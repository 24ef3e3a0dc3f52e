import { Module, type DynamicModule } from '@nestjs/common';
import { AccessTokenVerifier } from '@conveyor/auth';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../order-api.config';
import { OrderRepository } from '../orders/persistence/order.repository';
import { DemoSignInController } from './demo-sign-in/demo-sign-in.controller';
import { OrderStatusStreamController } from './order-status-stream/order-status-stream.controller';
import { OrderStatusWatcher } from './order-status-stream/order-status.watcher';
import { ShopSessionReader } from './shop-session.reader';
import { StorefrontController } from './storefront/storefront.controller';

/** The storefront at /shop: HTML pages over the same order API (docs/shop.md). */
@Module({})
export class ShopModule {
  static forConfig(config: OrderApiConfig): DynamicModule {
    return {
      module: ShopModule,
      controllers: [StorefrontController, DemoSignInController, OrderStatusStreamController],
      providers: [
        { provide: ORDER_API_CONFIG, useValue: config },
        { provide: AccessTokenVerifier, useValue: new AccessTokenVerifier(config.auth) },
        OrderRepository,
        OrderStatusWatcher,
        ShopSessionReader,
      ],
    };
  }
}
