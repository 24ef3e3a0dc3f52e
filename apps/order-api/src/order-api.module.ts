import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessTokenVerifier } from '@conveyor/auth';
import { ServiceRuntimeModule } from '@conveyor/service-runtime';
import { ordersDatabase } from './database/orders.database';
import { ORDER_API_CONFIG, type OrderApiConfig } from './order-api.config';
import { AuthGuard } from './auth/auth.guard';
import { CustomerThrottlerGuard } from './auth/customer-throttler.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { PriceList } from './catalog/price-list';
import { ListProductsController } from './catalog/list-products/list-products.controller';
import { OrderRepository } from './orders/persistence/order.repository';
import { PlaceOrderController } from './orders/place-order/place-order.controller';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';
import { PlaceOrderStatement } from './orders/place-order/place-order.statement';
import { IdempotencyKeyStore } from './orders/place-order/idempotency-key.store';
import { GetOrderController } from './orders/get-order/get-order.controller';
import { ListOrdersController } from './orders/list-orders/list-orders.controller';
import { CancelOrderController } from './orders/cancel-order/cancel-order.controller';
import { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
import { ApplyOrderEventHandler } from './orders/apply-order-event/apply-order-event.handler';
import { CancelOnCanceledAuthorizationHandler } from './orders/cancel-on-canceled-authorization/cancel-on-canceled-authorization.handler';
import { UpdateAvailabilityHandler } from './catalog/update-availability/update-availability.handler';
import { OrderEventsQueueConsumer } from './order-events-queue.consumer';
import { OrderApiMessaging } from './order-api.messaging';
import { RestockController } from './inventory-admin/restock/restock.controller';
import { ReconcileOrdersJob } from './orders/reconcile-orders/reconcile-orders.job';
import { PersonalDataSealer } from './orders/personal-data/personal-data.sealer';
import { DeadLetterQueues } from './dead-letters/dead-letter-queues';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { RedriveTaskRegistry } from './dead-letters/redrive-dead-letters/redrive-task.registry';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { QueueOverviewService } from './queue-overview/queue-overview.service';
import { QueueOverviewController } from './queue-overview/queue-overview.controller';
import { CONSOLE_CONTROLLERS, CONSOLE_PROVIDERS } from './console/console.registration';
import { ShopModule } from './shop/shop.module';
import { StripeWebhookController } from './stripe-webhooks/receive-stripe-webhook/stripe-webhook.controller';
import { StripeWebhookEventStore } from './stripe-webhooks/receive-stripe-webhook/stripe-webhook-event.store';
import { ReceiveStripeWebhookHandler } from './stripe-webhooks/receive-stripe-webhook/receive-stripe-webhook.handler';
import { OrderStatusSampler } from './orders/order-status-metrics/order-status.sampler';

@Module({})
export class OrderApiModule {
  static forConfig(config: OrderApiConfig): DynamicModule {
    return {
      module: OrderApiModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          app: 'order-api',
          config,
          database: ordersDatabase,
          consumerConcurrency: config.consumerConcurrency,
          messaging: OrderApiMessaging,
        }),
        ThrottlerModule.forRoot([
          { limit: config.rateLimit.requests, ttl: config.rateLimit.windowSeconds * 1000 },
        ]),
        ShopModule.forConfig(config),
      ],
      controllers: [
        ListProductsController,
        PlaceOrderController,
        GetOrderController,
        ListOrdersController,
        CancelOrderController,
        RestockController,
        QueueOverviewController,
        DeadLettersController,
        StripeWebhookController,
        ...CONSOLE_CONTROLLERS,
      ],
      providers: [
        { provide: ORDER_API_CONFIG, useValue: config },
        { provide: AccessTokenVerifier, useValue: new AccessTokenVerifier(config.auth) },
        // Guards run in this order: who is calling, then whether they are over their limit.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CustomerThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        PriceList,
        StripeWebhookEventStore,
        ReceiveStripeWebhookHandler,
        OrderRepository,
        IdempotencyKeyStore,
        PersonalDataSealer,
        PlaceOrderHandler,
        PlaceOrderStatement,
        CancelOrderHandler,
        ApplyOrderEventHandler,
        CancelOnCanceledAuthorizationHandler,
        UpdateAvailabilityHandler,
        OrderEventsQueueConsumer,
        ReconcileOrdersJob,
        ...CONSOLE_PROVIDERS,
        OrderStatusSampler,
        DeadLetterQueues,
        RedriveTaskRegistry,
        DeadLettersService,
        QueueOverviewService,
      ],
      // The admin console calls these in process.
      exports: [DeadLettersService, QueueOverviewService],
    };
  }
}
