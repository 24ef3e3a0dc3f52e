import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Shipment, ShippingAddress } from '@conveyor/contracts';

/**
 * The local stand-in for a carrier's label API. Like a real carrier called with an idempotency
 * key, it answers the same tracking number every time it is asked about the same order; like a
 * real one, it needs the address, and its tracking numbers end with the destination country.
 */
@Injectable()
export class LocalCarrierAdapter {
  static readonly carrier = 'CONVEYOR-POST';

  createLabel(orderId: string, address: ShippingAddress): Promise<Shipment> {
    const digest = createHash('sha256').update(orderId).digest('hex').slice(0, 12).toUpperCase();
    return Promise.resolve({
      carrier: LocalCarrierAdapter.carrier,
      trackingNumber: `CP${digest}${address.country}`,
    });
  }
}
