import Stripe from 'stripe';
import { summarizeStripeEvent, verifyStripeEvent } from './stripe-signature.verifier';
import { WebhookSignatureInvalidError, WebhookTimestampStaleError } from './stripe-webhook.errors';

const SECRET = 'whsec_conveyor_spec_secret';
const payload = JSON.stringify({
  id: 'evt_spec_1',
  object: 'event',
  type: 'payment_intent.canceled',
  created: 1_764_662_400,
  livemode: false,
  api_version: '2025-01-27.acacia',
  data: { object: { id: 'pi_spec_1', object: 'payment_intent', status: 'canceled' } },
});

function header(options: { secret?: string; timestamp?: number; body?: string } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: options.body ?? payload,
    secret: options.secret ?? SECRET,
    ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
  });
}

describe('verifyStripeEvent', () => {
  it('accepts a well-signed event and keeps only its ids', () => {
    expect(summarizeStripeEvent(verifyStripeEvent(Buffer.from(payload), header(), SECRET))).toEqual(
      {
        id: 'evt_spec_1',
        type: 'payment_intent.canceled',
        created: 1_764_662_400,
        objectId: 'pi_spec_1',
        paymentIntentId: 'pi_spec_1',
      },
    );
  });

  it("names a charge's PaymentIntent", () => {
    const charge = JSON.stringify({
      id: 'evt_spec_2',
      object: 'event',
      type: 'charge.refunded',
      created: 1,
      data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_9' } },
    });
    const event = verifyStripeEvent(Buffer.from(charge), header({ body: charge }), SECRET);
    expect(summarizeStripeEvent(event)).toMatchObject({
      objectId: 'ch_1',
      paymentIntentId: 'pi_9',
    });
  });

  it('refuses a signature made with another secret', () => {
    const forged = header({ secret: 'whsec_someone_else' });
    expect(() => verifyStripeEvent(Buffer.from(payload), forged, SECRET)).toThrow(
      WebhookSignatureInvalidError,
    );
  });

  it('refuses a body altered after signing', () => {
    const altered = payload.replace('pi_spec_1', 'pi_spec_2');
    expect(() => verifyStripeEvent(Buffer.from(altered), header(), SECRET)).toThrow(
      WebhookSignatureInvalidError,
    );
  });

  it('refuses a missing or malformed header', () => {
    expect(() => verifyStripeEvent(Buffer.from(payload), undefined, SECRET)).toThrow(
      WebhookSignatureInvalidError,
    );
    expect(() => verifyStripeEvent(Buffer.from(payload), 'garbage', SECRET)).toThrow(
      WebhookSignatureInvalidError,
    );
  });

  it('refuses a correctly signed event whose timestamp is older than 300 s as stale', () => {
    const stale = header({ timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(() => verifyStripeEvent(Buffer.from(payload), stale, SECRET)).toThrow(
      WebhookTimestampStaleError,
    );
  });
});
