import type { CancellationReason, OrderLine } from '@conveyor/contracts';
import {
  HandlerSpec,
  SPEC_KEYRINGS,
  SPEC_SHIPPING_ADDRESS,
  envelopeOf,
  sealedAddressFor,
  useHandlerSpec,
} from '@conveyor/testing';
import { ShippingAddressOpener } from './create-shipment/shipping-address.opener';
import { shippingDatabase } from '../database/shipping.database';

/** Spec-only helpers shared by the shipping worker's handler specs. */

export const LINES: OrderLine[] = [{ sku: 'MUG', quantity: 2 }];

/** The shipping schema, seeded and read the way its handlers see it. */
export class ShippingSpec extends HandlerSpec<'shipping-worker'> {
  constructor() {
    super('shipping-worker', shippingDatabase);
  }

  /** A shipment row as the create handler writes it, with its own tracking number. */
  async seedShipment(orderId: string, trackingNumber: string): Promise<void> {
    await this.insert('shipping.shipments', {
      order_id: orderId,
      carrier: 'CONVEYOR-POST',
      tracking_number: trackingNumber,
      items: LINES,
    });
  }

  /** The order's shipment row (status, carrier, tracking number, lines), or undefined. */
  shipmentOf(orderId: string) {
    return this.first(
      `SELECT status, carrier, tracking_number AS "trackingNumber", items
       FROM shipping.shipments WHERE order_id = $1`,
      [orderId],
    );
  }
}

export function useShippingSpec(): ShippingSpec {
  return useHandlerSpec(new ShippingSpec());
}

/** The tombstone a cancellation leaves where the shipment would be. */
export const CANCELLED_TOMBSTONE = {
  status: 'CANCELLED',
  carrier: null,
  trackingNumber: null,
  items: [],
};

export function shipmentRequest(orderId: string, shippingAddress?: string) {
  return envelopeOf('shipping.shipment-requested', orderId, {
    items: LINES,
    shippingAddress: shippingAddress ?? sealedAddressFor(orderId, SPEC_SHIPPING_ADDRESS),
  });
}

/** The shipping worker's opener with the spec's shipping keyring (and nothing else). */
export const specAddressOpener = () => new ShippingAddressOpener(SPEC_KEYRINGS.shipping);

/** A cancellation request; without a reason, as requests sent before the field existed. */
export function cancellationRequest(orderId: string, reason?: CancellationReason) {
  return envelopeOf('shipping.cancellation-requested', orderId, reason ? { reason } : {});
}
