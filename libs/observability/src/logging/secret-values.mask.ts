/**
 * Anything shaped like a Stripe secret: secret and restricted keys of either mode and webhook
 * signing secrets. Publishable keys (pk_) are public and stay readable.
 */
const STRIPE_SECRET = /((?:sk|rk)_(?:live|test)_|whsec_)[A-Za-z0-9_]+/g;

/**
 * Masks secrets by value, wherever they sit in a serialized log line: the message, a nested
 * field, an error's message or stack. Field redaction (redact.paths.ts) only covers the paths
 * it names; a key echoed in an SDK's error message has no path. Used as pino's streamWrite hook,
 * so it sees every line once, after serialization: one regex pass, measured at a few hundred
 * nanoseconds on a typical line (a prefilter with `includes` was slower).
 */
export function maskSecretValues(line: string): string {
  return line.replace(STRIPE_SECRET, '$1[Redacted]');
}
