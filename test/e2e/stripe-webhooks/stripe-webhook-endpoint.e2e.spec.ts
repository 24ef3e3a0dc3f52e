import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { withPostgresClient } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { postRaw, problemViolations } from '../../support/problem-response';
import { testEnvironment } from '../../support/test-context';

const SECRET = `whsec_e2e_${randomUUID().replaceAll('-', '')}`;

/** An event shaped like Stripe's, with a unique id so that reruns share nothing. */
function stripeEvent(type = 'payment_intent.canceled'): { id: string; body: string } {
  const id = `evt_${randomUUID().replaceAll('-', '')}`;
  const body = JSON.stringify({
    id,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    api_version: '2025-01-27.acacia',
    data: { object: { id: `pi_${id.slice(4, 20)}`, object: 'payment_intent' } },
  });
  return { id, body };
}

function signed(body: string, options: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? SECRET,
    ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
  });
}

describe('POST /webhooks/stripe (R17): signed, fresh, recorded once', () => {
  const env = testEnvironment();
  let withSecret: E2eStack;
  let withoutSecret: E2eStack;

  beforeAll(async () => {
    [withSecret, withoutSecret] = await Promise.all([
      startE2eStack({
        label: 'whk',
        apps: ['order-api'],
        extraEnv: { 'order-api': { STRIPE_WEBHOOK_SECRET: SECRET } },
      }),
      startE2eStack({ label: 'whk0', apps: ['order-api'] }),
    ]);
  }, 90_000);

  afterAll(() => Promise.all([withSecret?.stop(), withoutSecret?.stop()]));

  const post = (stack: E2eStack, body: string, signature?: string) =>
    postRaw(`${stack.api.baseUrl}/webhooks/stripe`, {
      headers: {
        'content-type': 'application/json',
        ...(signature !== undefined && { 'stripe-signature': signature }),
      },
      body,
    });

  const recorded = (eventId: string) =>
    withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query<{ type: string }>(
        'SELECT type FROM orders.stripe_webhook_events WHERE event_id = $1',
        [eventId],
      );
      return rows;
    });

  it('refuses a bad signature with 400 WEBHOOK.SIGNATURE_INVALID and stores nothing', async () => {
    const event = stripeEvent();
    for (const signature of [
      signed(event.body, { secret: 'whsec_forged' }),
      'garbage',
      undefined,
    ]) {
      const response = await post(withSecret, event.body, signature);
      expect(response.status).toBe(400);
      expect(response.body?.code).toBe('WEBHOOK.SIGNATURE_INVALID');
      expect(problemViolations(response)).toEqual([]);
    }
    expect(await recorded(event.id)).toEqual([]);
  });

  it('refuses a stale timestamp with 400 WEBHOOK.TIMESTAMP_STALE and stores nothing', async () => {
    const event = stripeEvent();
    const stale = signed(event.body, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    const response = await post(withSecret, event.body, stale);
    expect(response.status).toBe(400);
    expect(response.body?.code).toBe('WEBHOOK.TIMESTAMP_STALE');
    expect(await recorded(event.id)).toEqual([]);
  });

  it('records the same event sent 3 times once; the repeats are 200 and no-ops', async () => {
    const event = stripeEvent('charge.refunded');
    const answers = [];
    for (let delivery = 0; delivery < 3; delivery++) {
      answers.push(await post(withSecret, event.body, signed(event.body)));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.map((answer) => answer.body?.duplicate)).toEqual([false, true, true]);
    expect(await recorded(event.id)).toEqual([{ type: 'charge.refunded' }]);
  });

  it('needs no bearer token, and answers 503 WEBHOOK.NOT_CONFIGURED without a secret', async () => {
    const event = stripeEvent();
    const response = await post(withoutSecret, event.body, signed(event.body));
    expect(response.status).toBe(503);
    expect(response.body?.code).toBe('WEBHOOK.NOT_CONFIGURED');
    expect(await recorded(event.id)).toEqual([]);
  });
});
