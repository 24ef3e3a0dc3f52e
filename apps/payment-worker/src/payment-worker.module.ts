import { Module, type DynamicModule } from '@nestjs/common';
import Stripe from 'stripe';
import { ServiceRuntimeModule } from '@conveyor/service-runtime';
import { paymentsDatabase } from './database/payments.database';
import type { PaymentWorkerConfig } from './payment-worker.config';
import { createStripeClient } from './stripe/stripe-client.factory';
import { StripePaymentGateway } from './stripe/stripe-payment.gateway';
import { StripeCallMetrics } from './stripe/stripe-call.metrics';
import { AuthorizePaymentHandler } from './payments/authorize-payment/authorize-payment.handler';
import { PaymentMethodOpener } from './payments/authorize-payment/payment-method.opener';
import { CapturePaymentHandler } from './payments/capture-payment/capture-payment.handler';
import { VoidPaymentHandler } from './payments/void-payment/void-payment.handler';
import { ReconcileStripeEventHandler } from './payments/reconcile-stripe-event/reconcile-stripe-event.handler';
import { PaymentsQueueConsumer } from './payments-queue.consumer';
import { PaymentMessaging } from './payment.messaging';

@Module({})
export class PaymentWorkerModule {
  static forConfig(config: PaymentWorkerConfig): DynamicModule {
    return {
      module: PaymentWorkerModule,
      imports: [
        ServiceRuntimeModule.forRoot({
          app: 'payment-worker',
          config,
          database: paymentsDatabase,
          consumerConcurrency: config.consumerConcurrency,
          messaging: PaymentMessaging,
        }),
      ],
      providers: [
        { provide: Stripe, useValue: createStripeClient(config.stripe) },
        StripeCallMetrics,
        StripePaymentGateway,
        {
          provide: PaymentMethodOpener,
          useValue: new PaymentMethodOpener(config.personalData.payment),
        },
        AuthorizePaymentHandler,
        CapturePaymentHandler,
        VoidPaymentHandler,
        ReconcileStripeEventHandler,
        PaymentsQueueConsumer,
      ],
    };
  }
}
