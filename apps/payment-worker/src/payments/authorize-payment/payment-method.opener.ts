import type { EnvelopeOf } from '@conveyor/contracts';
import { FieldCipher, type Keyring } from '@conveyor/field-encryption';
import { openSealedField } from '@conveyor/messaging';
import { z } from 'zod';

const paymentMethodSchema = z.string().min(1).max(200);

/**
 * Opens the payment method of an authorization request: the one field of personal data this
 * worker reads, with the one key it holds. The shipping address it never opens, only passes on.
 * A field it cannot open is poison (see openSealedField).
 */
export class PaymentMethodOpener {
  private readonly cipher: FieldCipher;

  constructor(keyring: Keyring) {
    this.cipher = new FieldCipher(keyring);
  }

  open(envelope: EnvelopeOf<'payment.authorization-requested'>): string {
    return openSealedField(
      this.cipher,
      envelope.payload.paymentMethod,
      { orderId: envelope.orderId, field: 'paymentMethod' },
      paymentMethodSchema,
    );
  }
}
