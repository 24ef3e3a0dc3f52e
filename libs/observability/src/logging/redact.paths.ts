/** Fields that carry personal or payment data, wherever a message, payload or entity puts them. */
const SENSITIVE_FIELDS = ['shippingAddress', 'paymentMethod', 'payment_method', 'card'];

/** Top level down to three levels of nesting, e.g. `envelope.payload.order.card`. */
const NESTING_PREFIXES = ['', '*.', '*.*.', '*.*.*.'];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...NESTING_PREFIXES.flatMap((prefix) => SENSITIVE_FIELDS.map((field) => prefix + field)),
];
