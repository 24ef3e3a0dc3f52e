import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PoisonMessageError, type ConsumedMessage } from '@conveyor/messaging';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler';
import { CapturePaymentHandler } from './capture-payment/capture-payment.handler';
import { VoidPaymentHandler } from './void-payment/void-payment.handler';

/** Routes each message on the payments queue to the handler for its type. */
@Injectable()
export class PaymentMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly authorize: AuthorizePaymentHandler,
    private readonly capture: CapturePaymentHandler,
    private readonly voidPayment: VoidPaymentHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('payments', (message) => this.route(message));
  }

  private route({ envelope, receiveCount }: ConsumedMessage): Promise<void> {
    switch (envelope.type) {
      case 'payment.authorization-requested':
        return this.authorize.handle(envelope, receiveCount);
      case 'payment.capture-requested':
        return this.capture.handle(envelope);
      case 'payment.void-requested':
        return this.voidPayment.handle(envelope);
      default:
        throw new PoisonMessageError(`payments cannot handle ${envelope.type}`);
    }
  }
}
