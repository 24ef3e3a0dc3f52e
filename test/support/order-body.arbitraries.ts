import fc from 'fast-check';
import type { OrderRequestBody } from '../../tools/loadtest/order-mix.generator';

/** Where a mutation applies; `#` stands for one of the body's items, chosen by `item`. */
export type Path = readonly string[];

/** One change that makes a valid body invalid, as plain data so fast-check prints it readably. */
export type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'add'; path: Path; key: string; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'duplicate-sku'; quantity: number };

const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'JP', 'BR', 'NZ', 'ZA', 'IN', 'CH'];

// Basic Multilingual Plane text without control characters (C0, DEL and C1) or surrogates:
// what every layer (API, database, SQS, message contract) accepts, so the valid base bodies are
// valid everywhere.
const bmpChar = fc
  .integer({ min: 0x20, max: 0xd7ff - 0x21 })
  .map((code) => String.fromCharCode(code < 0x7f ? code : code + 0x21));
const text = (maxLength: number) => fc.string({ unit: bmpChar, minLength: 1, maxLength });

/** Bodies the API accepts (with the given catalog SKUs); the property test checks that too. */
export function validOrderBody(skus: readonly string[]): fc.Arbitrary<OrderRequestBody> {
  const line = fc.record({
    sku: fc.constantFrom(...skus),
    quantity: fc.integer({ min: 1, max: 100 }),
  });
  return fc.record({
    items: fc.uniqueArray(line, { selector: (l) => l.sku, minLength: 1, maxLength: skus.length }),
    paymentMethod: fc.stringMatching(/^pm_[A-Za-z0-9_]{1,30}$/),
    shippingAddress: fc.record(
      {
        name: text(40),
        line1: text(40),
        line2: text(40),
        city: text(40),
        postalCode: text(10),
        country: fc.constantFrom(...COUNTRIES),
      },
      { requiredKeys: ['name', 'line1', 'city', 'postalCode', 'country'] },
    ),
  });
}

/** Applies a mutation to a copy of `body`; `item` picks the item a `#` path refers to. */
export function applyMutation(body: OrderRequestBody, change: Mutation, item: number): unknown {
  const copy = structuredClone(body);
  const index = String(item % copy.items.length);
  if (change.kind === 'duplicate-sku') {
    copy.items.push({ ...copy.items[Number(index)], quantity: change.quantity });
    return copy;
  }
  const path = change.path.map((key) => (key === '#' ? index : key));
  const parentPath = change.kind === 'add' ? path : path.slice(0, -1);
  const parent = parentPath.reduce<Record<string, unknown>>(
    (node, key) => node[key] as Record<string, unknown>,
    copy as unknown as Record<string, unknown>,
  );
  const key = change.kind === 'add' ? change.key : path[path.length - 1];
  if (change.kind === 'delete') delete parent[key];
  // defineProperty, so that a key like "__proto__" becomes data rather than a prototype.
  else
    Object.defineProperty(parent, key, { value: change.value, enumerable: true, writable: true });
  return copy;
}
