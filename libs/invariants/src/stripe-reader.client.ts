import Stripe from 'stripe';

/**
 * The official SDK for the auditor's reads, pointed at api.stripe.com or at the Stripe emulator
 * through the SDK's own host/port/protocol options (as the payment worker points it).
 */
export function createAuditStripeClient(options: {
  secretKey: string;
  apiBaseUrl?: string;
}): Stripe {
  const base = options.apiBaseUrl ? new URL(options.apiBaseUrl) : undefined;
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  });
}
