import { Inject, Injectable } from '@nestjs/common';
import type { Envelope, ShipmentRequested } from '@conveyor/contracts';
import { Failpoints } from '@conveyor/config';
import { TransactionalMessaging } from '@conveyor/transactional-messaging';
import { LocalCarrierAdapter } from '../../carrier/local-carrier.adapter';

/**
 * Creates the one shipment of an order (the order id is the primary key), then asks the payment
 * worker to capture and the inventory worker to count the units as shipped. An order already
 * cancelled has a CANCELLED row there, so nothing is created for it.
 */
@Injectable()
export class CreateShipmentHandler {
  constructor(
    private readonly messaging: TransactionalMessaging,
    private readonly carrier: LocalCarrierAdapter,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {}

  async handle(envelope: Envelope<'shipping.shipment-requested', ShipmentRequested>) {
    const orderId = envelope.orderId!;
    let shipment = await this.carrier.createLabel(orderId);
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const created = await manager.query<unknown[]>(
        `INSERT INTO shipping.shipments (order_id, carrier, tracking_number, items)
         VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [
          orderId,
          shipment.carrier,
          shipment.trackingNumber,
          JSON.stringify(envelope.payload.items),
        ],
      );
      if (created.length === 0) {
        const [existing] = await manager.query<
          { status: string; carrier: string; tracking_number: string }[]
        >(`SELECT status, carrier, tracking_number FROM shipping.shipments WHERE order_id = $1`, [
          orderId,
        ]);
        // Cancelled before it shipped: nothing to do. Already shipped (a re-drive): announce again.
        if (existing.status === 'CANCELLED') return;
        shipment = { carrier: existing.carrier, trackingNumber: existing.tracking_number };
      } else {
        this.failpoints.hit('shipping-create:before-commit', envelope.correlationId);
      }
      await emit('payment.capture-requested', orderId, { shipment });
      await emit('inventory.reservation-fulfilled', orderId, {});
    });
    this.failpoints.hit('shipping-create:after-commit-before-delete', envelope.correlationId);
  }
}
