import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhooksView } from './emulator.types';
import { StripeEmulatorControl } from './stripe-emulator.control';
import {
  sdkFor,
  SPEC_WEBHOOK_DELIVERY,
  useStripeEmulatorWithWebhooks,
} from './stripe-emulator-spec.fixture';
import { startStripeEmulator } from './stripe-emulator.server';
import { eventually, WebhookReceiver } from './webhook-receiver.fixture';

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('webhook delivery', () => {
  const context = useStripeEmulatorWithWebhooks();

  const createIntent = () =>
    context.stripe.paymentIntents.create({
      amount: 1200,
      currency: 'eur',
      allowed_payment_method_types: ['card'],
      metadata: { order_id: 'order-delivery' },
    });

  const authorizeAndCapture = async () => {
    const intent = await context.stripe.paymentIntents.create({
      amount: 1200,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
    });
    await context.stripe.paymentIntents.capture(intent.id);
    return intent;
  };

  const settled = (description: string, done: (view: WebhooksView) => boolean) =>
    eventually(() => context.control.webhooks(), done, description);

  it('retries a receiver that answers 500 twice, until it answers 200', async () => {
    context.receiver.answerNext(500, 500);
    const intent = await createIntent();
    const view = await settled('the delivery', (state) => state.delivered === 1);
    expect(view).toMatchObject({ pending: 0, delivered: 1, failed: 0 });
    expect(view.deliveries).toEqual([
      {
        eventId: expect.stringMatching(/^evt_/),
        type: 'payment_intent.created',
        paymentIntent: intent.id,
        attempts: 3,
        status: 'delivered',
        lastStatusCode: 200,
      },
    ]);
    const { eventId } = view.deliveries[0];
    expect(context.receiver.attempts).toEqual([
      { eventId, status: 500 },
      { eventId, status: 500 },
      { eventId, status: 200 },
    ]);
  });

  it('gives up after the last attempt, records the failure and goes on with the next event', async () => {
    const { maxAttempts } = SPEC_WEBHOOK_DELIVERY;
    context.receiver.answerNext(...Array<number>(maxAttempts).fill(503));
    const intent = await createIntent();
    await context.stripe.paymentIntents.cancel(intent.id);
    const view = await settled('both events settled', (state) => state.pending === 0);
    expect(view).toMatchObject({ delivered: 1, failed: 1 });
    expect(view.deliveries).toMatchObject([
      {
        type: 'payment_intent.created',
        attempts: maxAttempts,
        status: 'failed',
        lastStatusCode: 503,
      },
      { type: 'payment_intent.canceled', attempts: 1, status: 'delivered' },
    ]);
    expect(context.receiver.typesFor(intent.id)).toEqual(['payment_intent.canceled']);
  });

  it('records a connection error for a receiver that is not there', async () => {
    await context.control.configureWebhooks({ url: `http://127.0.0.1:${await closedPort()}/` });
    await createIntent();
    const view = await settled('the failure', (state) => state.failed === 1);
    expect(view.deliveries[0]).toMatchObject({
      attempts: SPEC_WEBHOOK_DELIVERY.maxAttempts,
      status: 'failed',
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it('holds events while paused and delivers them in reverse on a reverse flush', async () => {
    await context.control.configureWebhooks({ paused: true });
    const intent = await authorizeAndCapture();
    const held = await context.control.webhooks();
    expect(held).toMatchObject({ paused: true, held: 5, pending: 5, delivered: 0 });
    expect(held.deliveries.every((delivery) => delivery.attempts === 0)).toBe(true);
    const produced = held.deliveries.map((delivery) => delivery.type);

    const flushed = await context.control.flushWebhooks('reverse');
    expect(flushed).toMatchObject({ flushed: 5, order: 'reverse', paused: false, held: 0 });
    const types = await eventually(
      () => context.receiver.typesFor(intent.id),
      (seen) => seen.length === 5,
      'the flushed events',
    );
    expect(types).toEqual([...produced].reverse());
    expect(types[0]).toBe('payment_intent.succeeded');
  });

  it('delivers held events as produced when unpaused through the settings', async () => {
    await context.control.configureWebhooks({ paused: true });
    const intent = await authorizeAndCapture();
    await context.control.configureWebhooks({ paused: false });
    const types = await eventually(
      () => context.receiver.typesFor(intent.id),
      (seen) => seen.length === 5,
      'the released events',
    );
    expect(types[0]).toBe('payment_intent.created');
    expect(types[4]).toBe('payment_intent.succeeded');
  });

  it('sends to a URL set at run time, makes nothing while switched off, and refuses bad settings', async () => {
    const other = await new WebhookReceiver().start();
    try {
      await context.control.configureWebhooks({ url: other.url, secret: other.secret });
      const intent = await createIntent();
      await eventually(
        () => other.typesFor(intent.id),
        (types) => types.length === 1,
        'delivery',
      );

      const off = await context.control.configureWebhooks({ enabled: false });
      expect(off).toMatchObject({ url: other.url, enabled: false });
      await createIntent();
      expect((await context.control.webhooks()).deliveries).toHaveLength(1);
    } finally {
      await other.stop();
    }
    await expect(context.control.configureWebhooks({ url: 'ftp://example.com' })).rejects.toThrow(
      /answered 400.*http or https/s,
    );
    await expect(
      context.control.configureWebhooks({ paused: 'yes' } as unknown as { paused: boolean }),
    ).rejects.toThrow(/answered 400.*paused must be true or false/s);
  });

  it('forgets deliveries and held events on reset, back to the URL it was started with', async () => {
    await context.control.configureWebhooks({ paused: true, url: 'http://127.0.0.1:1/' });
    await createIntent();
    await context.control.reset();
    expect(await context.control.webhooks()).toEqual({
      url: context.receiver.url,
      enabled: true,
      paused: false,
      pending: 0,
      held: 0,
      delivered: 0,
      failed: 0,
      deliveries: [],
    });
  });

  it('sends nothing from an emulator started without a webhook', async () => {
    const plain = await startStripeEmulator();
    try {
      const control = new StripeEmulatorControl(plain.url);
      await sdkFor(plain).paymentIntents.create({ amount: 100, currency: 'eur' });
      expect(await control.webhooks()).toMatchObject({ url: null, enabled: false, deliveries: [] });
    } finally {
      await plain.stop();
    }
  });
});
