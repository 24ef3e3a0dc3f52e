import { shippingAddressSchema, type EnvelopeOf, type ShippingAddress } from '@conveyor/contracts';
import { FieldCipher, type Keyring } from '@conveyor/field-encryption';
import { openSealedField } from '@conveyor/messaging';

/**
 * Opens the shipping address of a shipment request: the one field of personal data this worker
 * reads, with the one key it holds. A field it cannot open is poison (see openSealedField).
 */
export class ShippingAddressOpener {
  private readonly cipher: FieldCipher;

  constructor(keyring: Keyring) {
    this.cipher = new FieldCipher(keyring);
  }

  open(envelope: EnvelopeOf<'shipping.shipment-requested'>): ShippingAddress {
    return openSealedField(
      this.cipher,
      envelope.payload.shippingAddress,
      { orderId: envelope.orderId, field: 'shippingAddress' },
      shippingAddressSchema,
    );
  }
}
