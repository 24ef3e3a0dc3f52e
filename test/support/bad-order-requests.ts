import { ADDRESS } from './api-client';

export interface BadOrderRequest {
  label: string;
  body: string | Uint8Array;
  status: number;
  code: string;
  /** Field paths the problem's `errors` must name. */
  paths?: string[];
  /** Header overrides; null leaves the header out. */
  headers?: Record<string, string | null>;
  chunked?: boolean;
}

const VALIDATION = 'REQUEST.VALIDATION_FAILED';
const MALFORMED = 'REQUEST.INVALID';
const MEDIA_TYPE = 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
const TOO_LARGE = 'REQUEST.TOO_LARGE';

/** A valid order for `sku`, as POST /orders takes it. */
export function validOrder(sku: string) {
  return {
    items: [{ sku, quantity: 1 }],
    paymentMethod: 'pm_card_visa',
    shippingAddress: { ...ADDRESS } as Record<string, unknown>,
  };
}

/** The valid order with one field (dot path) set, or removed when `value` is undefined. */
export function orderWith(sku: string, path: string, value: unknown): string {
  const body: Record<string, unknown> = validOrder(sku);
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, body);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(body);
}

/** One request per rule of the order API's contract, each with the answer it must get. */
export function badOrderRequests(sku: string): BadOrderRequest[] {
  const valid = JSON.stringify(validOrder(sku));
  const withKey = (member: string) => valid.replace('{', `{${member},`);
  const invalid = (label: string, path: string, value: unknown): BadOrderRequest => ({
    label,
    body: orderWith(sku, path, value),
    status: 400,
    code: VALIDATION,
    paths: [path],
  });
  const malformed = (label: string, body: string) => ({
    label,
    body,
    status: 400,
    code: MALFORMED,
  });
  const big = orderWith(sku, 'shippingAddress.line2', 'x'.repeat(40 * 1024));
  const lengths = [
    ['name', 201],
    ['line1', 201],
    ['line2', 201],
    ['city', 101],
    ['postalCode', 21],
    ['name', 0],
  ] as const;
  const mediaTypes = [
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
  ];
  return [
    malformed('truncated JSON', '{"items": ['),
    malformed('a trailing comma', valid.replace(/}$/, ',}')),
    malformed('single quotes', valid.replaceAll('"', "'")),
    malformed('a NaN literal', valid.replace('"quantity":1', '"quantity":NaN')),
    malformed('an empty body', ''),
    malformed('a __proto__ key', withKey('"__proto__":{"admin":true}')),
    malformed('a constructor.prototype key', withKey('"constructor":{"prototype":{"a":1}}')),
    ...['null', '[]', '42', '"order"', `[${valid}]`].map((body) => ({
      ...invalid(`the body ${body.slice(0, 8)}`, 'items', undefined),
      body,
    })),
    ...['status', 'totalCents', 'customerId', 'priceCents'].map((key) =>
      invalid(`an extra ${key}`, key, 1),
    ),
    ...['priceCents', 'totalCents', 'status'].map((key) =>
      invalid(`an extra item ${key}`, `items.0.${key}`, 1),
    ),
    ...['customerId', 'status'].map((key) =>
      invalid(`an extra address ${key}`, `shippingAddress.${key}`, 'x'),
    ),
    invalid('no items', 'items', undefined),
    invalid('zero items', 'items', []),
    invalid(
      '51 items',
      'items',
      Array.from({ length: 51 }, (_, i) => ({ sku: `${sku}-${i}`, quantity: 1 })),
    ),
    invalid('a duplicate SKU', 'items', [
      { sku, quantity: 1 },
      { sku, quantity: 2 },
    ]),
    invalid('items as an object', 'items', { 0: { sku, quantity: 1 } }),
    { ...invalid('a null item', 'items', [null]), paths: ['items.0'] },
    ...[0, 101, -1, 1.5, 1e21, '2', null, undefined].map((quantity) =>
      invalid(`quantity ${String(quantity)}`, 'items.0.quantity', quantity),
    ),
    ...[sku.toLowerCase(), 'A'.repeat(65), 42, undefined].map((value) =>
      invalid(`sku ${String(value).slice(0, 8)}`, 'items.0.sku', value),
    ),
    ...lengths.map(([field, length]) =>
      invalid(`a ${length}-character ${field}`, `shippingAddress.${field}`, 'x'.repeat(length)),
    ),
    ...['card_4242', `pm_${'a'.repeat(121)}`, 7, undefined].map((value) =>
      invalid(`paymentMethod ${String(value).slice(0, 9)}`, 'paymentMethod', value),
    ),
    ...['XX', 'de', 'DEU', '', undefined].map((country) =>
      invalid(`country ${String(country)}`, 'shippingAddress.country', country),
    ),
    invalid('an address that is a string', 'shippingAddress', 'Berlin'),
    invalid('an address that is null', 'shippingAddress', null),
    ...[
      [{ sku: 'NO-SUCH-SKU', quantity: 1 }],
      [
        { sku, quantity: 1 },
        { sku: 'NO-SUCH-SKU', quantity: 1 },
      ],
    ].map((items) => ({
      label: `items ${JSON.stringify(items)}`,
      body: orderWith(sku, 'items', items),
      status: 400,
      code: 'CATALOG.UNKNOWN_SKU',
    })),
    { label: 'a 40 KiB body', body: big, status: 413, code: TOO_LARGE },
    { label: 'a 40 KiB chunked body', body: big, chunked: true, status: 413, code: TOO_LARGE },
    ...[...mediaTypes, null].map((type) => ({
      label: `content type ${String(type)}`,
      body: valid,
      headers: { 'content-type': type },
      status: 415,
      code: MEDIA_TYPE,
    })),
    {
      label: 'no Idempotency-Key',
      body: valid,
      headers: { 'idempotency-key': null },
      status: 400,
      code: 'IDEMPOTENCY.KEY_MISSING',
    },
    ...['', 'k'.repeat(256), 'schlüssel', 'tab\tinside'].map((key) => ({
      label: `Idempotency-Key ${JSON.stringify(key.slice(0, 12))}`,
      body: valid,
      headers: { 'idempotency-key': key },
      status: 400,
      code: 'IDEMPOTENCY.KEY_INVALID',
    })),
  ];
}
