import { randomBytes } from 'node:crypto';
import type { ShippingAddress } from '@conveyor/contracts';
import { FieldCipher, formatKeyring, parseKeyring } from '@conveyor/field-encryption';

/**
 * The keyrings specs seal personal data with: random per test process, one per audience, as
 * production's are. `SPEC_PERSONAL_DATA_ENV` is the same keys as the apps' variables.
 */
export const SPEC_KEYRINGS = {
  shipping: parseKeyring(`spec-ship:${randomBytes(32).toString('base64')}`),
  payment: parseKeyring(`spec-pay:${randomBytes(32).toString('base64')}`),
};

export const SPEC_CIPHERS = {
  shipping: new FieldCipher(SPEC_KEYRINGS.shipping),
  payment: new FieldCipher(SPEC_KEYRINGS.payment),
};

export const SPEC_PERSONAL_DATA_ENV = {
  PII_KEYS_SHIPPING: formatKeyring(SPEC_KEYRINGS.shipping),
  PII_KEYS_PAYMENT: formatKeyring(SPEC_KEYRINGS.payment),
};

const sealed = new Map<string, string>();

/**
 * Seals like the order API, but once per order and value: sealing is randomized, and a spec
 * compares what a worker passed on with what it was given, so the same order's field must be the
 * same string each time the spec asks for it.
 */
function sealOnce(
  audience: keyof typeof SPEC_CIPHERS,
  orderId: string,
  field: string,
  value: unknown,
) {
  const key = JSON.stringify([audience, orderId, field, value]);
  let result = sealed.get(key);
  if (result === undefined) {
    result = SPEC_CIPHERS[audience].seal(value, { orderId, field });
    sealed.set(key, result);
  }
  return result;
}

/** The order's shipping address sealed for the shipping worker, as the order API sends it. */
export function sealedAddressFor(orderId: string, address: ShippingAddress): string {
  return sealOnce('shipping', orderId, 'shippingAddress', address);
}

/** The order's payment method sealed for the payment worker, as the order API sends it. */
export function sealedPaymentMethodFor(orderId: string, paymentMethod: string): string {
  return sealOnce('payment', orderId, 'paymentMethod', paymentMethod);
}
