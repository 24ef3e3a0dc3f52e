import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { ApplyOrderEventHandler } from './orders/apply-order-event/apply-order-event.handler';
import { UpdateAvailabilityHandler } from './catalog/update-availability/update-availability.handler';
import { CancelOnCanceledAuthorizationHandler } from './orders/cancel-on-canceled-authorization/cancel-on-canceled-authorization.handler';

/**
 * The order-events queue: each message type it carries, and what it does. Status changes reach
 * the order API only through here, each as one call of an Order method.
 */
@Injectable()
export class OrderEventsQueueConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly orderEvent: ApplyOrderEventHandler,
    private readonly updateAvailability: UpdateAvailabilityHandler,
    private readonly cancelOnCanceledAuthorization: CancelOnCanceledAuthorizationHandler,
  ) {}

  onModuleInit(): void {
    const on = this.orderEvent;
    this.host.consume('order-events', {
      'order.payment-authorized': on.applying((order, _, at) => order.paymentAuthorized(at)),
      'order.payment-failed': on.applying((order, { reason }, at) =>
        order.paymentFailed(reason, at),
      ),
      'order.stock-reserved': on.applying((order, _, at) => order.stockReserved(at)),
      'order.out-of-stock': on.applying((order, { skus }, at) =>
        order.outOfStock(`out of stock: ${skus.join(', ')}`, at),
      ),
      'order.shipped': on.applying((order, { shipment }, at) => order.shipped(shipment, at)),
      'order.cancelled': on.applying((order, { reason }, at) => order.cancelled(reason, at)),
      'order.cancellation-rejected': on.applying((order, { reason }, at) =>
        order.cancellationRejected(reason, at),
      ),
      'order.payment-authorization-canceled': this.cancelOnCanceledAuthorization,
      'order.stock-levels-changed': this.updateAvailability,
    });
  }
}
