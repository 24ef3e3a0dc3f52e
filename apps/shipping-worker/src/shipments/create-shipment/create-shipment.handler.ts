import { Inject, Injectable } from '@nestjs/common';
import { Failpoints } from '@conveyor/config';
import type { ConsumedMessage, MessageHandler } from '@conveyor/messaging';
import { ShippingMessaging } from '../../shipping.messaging';
import { LocalCarrierAdapter } from '../../carrier/local-carrier.adapter';
import { ShippingAddressOpener } from './shipping-address.opener';

type Create = 'shipping.shipment-requested';

/**
 * Creates the one shipment of an order (the order id is the primary key), then asks the payment
 * worker to capture and the inventory worker to count the units as shipped. An order already
 * cancelled has a CANCELLED row there, so nothing is created for it.
 */
@Injectable()
export class CreateShipmentHandler implements MessageHandler<Create> {
  constructor(
    private readonly messaging: ShippingMessaging,
    private readonly carrier: LocalCarrierAdapter,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
    private readonly addresses: ShippingAddressOpener,
  ) {}

  async handle({ envelope }: ConsumedMessage<Create>): Promise<void> {
    const { orderId } = envelope;
    // Opened for the carrier only: the address is neither stored here nor passed on.
    let shipment = await this.carrier.createLabel(orderId, this.addresses.open(envelope));
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
        // Cancelled before it shipped: nothing to do. Already shipped (a repeated request): re-announce.
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
