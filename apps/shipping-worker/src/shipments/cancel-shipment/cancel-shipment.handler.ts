import { Injectable } from '@nestjs/common';
import type { CancellationReason } from '@conveyor/contracts';
import type { ConsumedMessage, MessageHandler } from '@conveyor/messaging';
import { ShippingMessaging } from '../../shipping.messaging';

type Cancel = 'shipping.cancellation-requested';

const CANCELLED_BECAUSE: Record<CancellationReason, string> = {
  CUSTOMER_REQUEST: 'cancelled by the customer',
  PAYMENT_AUTHORIZATION_CANCELED: 'cancelled: the payment authorization was canceled at Stripe',
};

/**
 * Decides a cancellation (the customer's, or because Stripe canceled the authorization). The shipment row is the point of no return: if a shipment
 * exists the order ships; otherwise a CANCELLED row (a tombstone) takes its place, so a shipment request that
 * arrives later creates nothing, and the payment and inventory workers are told to compensate.
 * A request for an order already decided re-announces the decision, whichever it was.
 */
@Injectable()
export class CancelShipmentHandler implements MessageHandler<Cancel> {
  constructor(private readonly messaging: ShippingMessaging) {}

  async handle({ envelope }: ConsumedMessage<Cancel>): Promise<void> {
    const { orderId } = envelope;
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const claimed = await manager.query<unknown[]>(
        `INSERT INTO shipping.shipments (order_id, status, items) VALUES ($1, 'CANCELLED', '[]')
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId],
      );
      if (claimed.length === 0) {
        const [existing] = await manager.query<{ status: string }[]>(
          `SELECT status FROM shipping.shipments WHERE order_id = $1`,
          [orderId],
        );
        if (existing.status === 'CREATED') {
          await emit('order.cancellation-rejected', orderId, {
            reason: 'the shipment was already created',
          });
          return;
        }
        // Already cancelled (the reconciler re-sent the request): re-announce, so a lost event heals.
      }
      await emit('payment.void-requested', orderId, { reason: 'CANCELLED' });
      await emit('inventory.release-requested', orderId, {});
      await emit('order.cancelled', orderId, {
        reason: CANCELLED_BECAUSE[envelope.payload.reason ?? 'CUSTOMER_REQUEST'],
      });
    });
  }
}
