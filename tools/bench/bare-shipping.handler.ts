import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { BareHandler } from './bare-consumer.loop';
import type { BareOutbox } from './bare-outbox.relay';
import { bareTransaction, consumerOf } from './bare.transaction';

/** The shipping worker's success path by hand: one shipment per order, then capture and fulfil. */
export function bareShippingHandlers(pool: Pool, outbox: BareOutbox): Record<string, BareHandler> {
  return {
    'shipping.shipment-requested': (envelope) => {
      const orderId = envelope.orderId!;
      const digest = createHash('sha256').update(orderId).digest('hex').slice(0, 12).toUpperCase();
      const shipment = { carrier: 'CONVEYOR-POST', trackingNumber: `CP${digest}` };
      return bareTransaction(
        pool,
        outbox,
        consumerOf('shipping', envelope),
        async ({ client, emit }) => {
          const { rowCount } = await client.query(
            `INSERT INTO shipping.shipments (order_id, carrier, tracking_number, items)
           VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
            [
              orderId,
              shipment.carrier,
              shipment.trackingNumber,
              JSON.stringify(envelope.payload.items),
            ],
          );
          if (!rowCount) return;
          emit('payment.capture-requested', orderId, { shipment });
          emit('inventory.reservation-fulfilled', orderId, {});
        },
      );
    },
  };
}
