import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { AuthorizePaymentHandler } from './payments/authorize-payment/authorize-payment.handler';
import { CapturePaymentHandler } from './payments/capture-payment/capture-payment.handler';
import { VoidPaymentHandler } from './payments/void-payment/void-payment.handler';
import { ReconcileStripeEventHandler } from './payments/reconcile-stripe-event/reconcile-stripe-event.handler';

/** The payments queue: each message type it carries, and the handler that applies it. */
@Injectable()
export class PaymentsQueueConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly authorizePayment: AuthorizePaymentHandler,
    private readonly capturePayment: CapturePaymentHandler,
    private readonly voidPayment: VoidPaymentHandler,
    private readonly reconcileStripeEvent: ReconcileStripeEventHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('payments', {
      'payment.authorization-requested': this.authorizePayment,
      'payment.capture-requested': this.capturePayment,
      'payment.void-requested': this.voidPayment,
      'payment.stripe-event-received': this.reconcileStripeEvent,
    });
  }
}
