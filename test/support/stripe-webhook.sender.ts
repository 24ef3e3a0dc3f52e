import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { E2eStack } from './e2e-stack';
import { postRaw, type RawResponse } from './problem-response';

/** The official SDK pointed at the Stripe emulator, as a dashboard user or Stripe itself acts. */
export function emulatorStripe(stripeUrl: string): Stripe {
  const url = new URL(stripeUrl);
  return new Stripe('sk_test_conveyor_e2e', {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
  });
}

export interface StripeEventBody {
  id: string;
  body: string;
}

/** An event as Stripe sends it: a fresh id, `object` as the API returns it now. */
export function stripeEventOf(type: string, object: object, created?: number): StripeEventBody {
  const id = `evt_${randomUUID().replaceAll('-', '')}`;
  const body = JSON.stringify({
    id,
    object: 'event',
    type,
    created: created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: '2025-01-27.acacia',
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  });
  return { id, body };
}

/** POSTs an event to the order API's webhook endpoint, signed now with `secret`. */
export function deliverStripeEvent(
  e2e: E2eStack,
  event: StripeEventBody,
  secret: string,
): Promise<RawResponse> {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: event.body, secret });
  return postRaw(`${e2e.api.baseUrl}/webhooks/stripe`, {
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: event.body,
  });
}
