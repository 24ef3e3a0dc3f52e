import { sealedFieldKeyId } from '@conveyor/field-encryption';

/** Keys whose values identify a person: the shipping address, names, contact and payment details. */
const PERSONAL_KEYS = new Set([
  'shippingaddress',
  'name',
  'line1',
  'line2',
  'city',
  'postalcode',
  'email',
  'phone',
  'paymentmethod',
  'customerid',
]);

export const MASK = '***';

/**
 * A message body with personal data replaced, for operators reading dead letters: an encrypted
 * field by `«encrypted:<key id>»` (which key sealed it is what an operator may need to know),
 * any other value under a personal key by `***`. A body that is not JSON cannot be inspected,
 * so only its length is shown.
 */
export function maskPersonalData(body: string): unknown {
  try {
    return maskValue(JSON.parse(body));
  } catch {
    return `(not JSON, ${Buffer.byteLength(body)} bytes)`;
  }
}

function maskValue(value: unknown): unknown {
  const keyId = sealedFieldKeyId(value);
  if (keyId !== undefined) return `«encrypted:${keyId}»`;
  if (Array.isArray(value)) return value.map(maskValue);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      PERSONAL_KEYS.has(key.toLowerCase()) && sealedFieldKeyId(inner) === undefined
        ? MASK
        : maskValue(inner),
    ]),
  );
}
