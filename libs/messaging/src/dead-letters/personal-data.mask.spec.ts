import { randomBytes } from 'node:crypto';
import { FieldCipher, parseKeyring } from '@conveyor/field-encryption';
import { maskPersonalData } from './personal-data.mask';

const cipher = new FieldCipher(parseKeyring(`ship-7:${randomBytes(32).toString('base64')}`));
const orderId = '0b6f5c1e-8a51-4e0e-9d1b-1f2a3b4c5d6e';

describe('maskPersonalData', () => {
  it('shows an encrypted field as the id of its key, and masks clear personal values', () => {
    const sealed = cipher.seal({ name: 'Ada' }, { orderId, field: 'shippingAddress' });
    const body = JSON.stringify({
      type: 'shipping.shipment-requested',
      orderId,
      payload: { items: [{ sku: 'MUG', quantity: 1 }], shippingAddress: sealed, note: sealed },
      legacy: { paymentMethod: 'pm_card_visa', customerId: 'c-1' },
    });

    expect(maskPersonalData(body)).toEqual({
      type: 'shipping.shipment-requested',
      orderId,
      payload: {
        items: [{ sku: 'MUG', quantity: 1 }],
        shippingAddress: '«encrypted:ship-7»',
        note: '«encrypted:ship-7»',
      },
      legacy: { paymentMethod: '***', customerId: '***' },
    });
  });

  it('shows only the length of a body that is not JSON', () => {
    expect(maskPersonalData('1 Main Street')).toBe('(not JSON, 13 bytes)');
  });
});
