import Stripe from 'stripe';

/**
 * The official SDK, pointed at api.stripe.com or, locally, at the Stripe emulator through the
 * SDK's own host/port/protocol options. The SDK's retries reuse the idempotency key we pass, so
 * they are safe; the queue's redelivery covers anything longer.
 */
export function createStripeClient(options: { secretKey: string; apiBaseUrl?: string }): Stripe {
  const base = options.apiBaseUrl ? new URL(options.apiBaseUrl) : undefined;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  });
}
