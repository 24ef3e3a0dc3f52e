import { randomUUID } from 'node:crypto';
import { FieldCipher, FieldDecryptionError } from '@conveyor/field-encryption';
import { SPEC_CIPHERS, SPEC_KEYRINGS, SPEC_SHIPPING_ADDRESS } from '@conveyor/testing';
import { PersonalDataSealer } from './personal-data.sealer';

describe('PersonalDataSealer', () => {
  const sealer = new PersonalDataSealer({ personalData: SPEC_KEYRINGS });
  const orderId = randomUUID();
  const sealed = sealer.seal(orderId, {
    shippingAddress: SPEC_SHIPPING_ADDRESS,
    paymentMethod: 'pm_card_visa',
  });

  it('seals each field for its own audience, bound to the order', () => {
    expect(
      SPEC_CIPHERS.shipping.open(sealed.shippingAddress, { orderId, field: 'shippingAddress' }),
    ).toEqual(SPEC_SHIPPING_ADDRESS);
    expect(
      SPEC_CIPHERS.payment.open(sealed.paymentMethod, { orderId, field: 'paymentMethod' }),
    ).toBe('pm_card_visa');
    expect(JSON.stringify(sealed)).not.toContain(SPEC_SHIPPING_ADDRESS.name);
    expect(JSON.stringify(sealed)).not.toContain('pm_card_visa');
  });

  it("leaves neither worker able to open the other's field", () => {
    const openAs = (cipher: FieldCipher, value: string, field: string) => () =>
      cipher.open(value, { orderId, field });

    expect(openAs(SPEC_CIPHERS.payment, sealed.shippingAddress, 'shippingAddress')).toThrow(
      FieldDecryptionError,
    );
    expect(openAs(SPEC_CIPHERS.shipping, sealed.paymentMethod, 'paymentMethod')).toThrow(
      FieldDecryptionError,
    );
  });
});
