import { QUEUE_NAMES } from '@conveyor/contracts';
import { CONVEYOR_APPS, TraceReceiver } from '@conveyor/dev-stack';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import type { TraceSpan } from '@conveyor/tracing';
import { waitForQueueCounts } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { waitForOrderStatus } from '../../support/order-pipeline.probe';
import {
  clientTraceparent,
  exportTo,
  processSpans,
  waitForTrace,
} from '../../support/order-trace.probe';
import { idOf, logEntries, runDlqRedrive } from '../../support/saga-pipeline.probe';
import { sqsClientFor } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const MAX_RECEIVE_COUNT = 3;

function services(spans: TraceSpan[]): string[] {
  return [...new Set(spans.map((span) => span.service))].sort();
}

/** Every queue's process span, the last being the order-events update to SHIPPED. */
function reachedShipped(spans: TraceSpan[]): boolean {
  return (
    QUEUE_NAMES.every((queue) => processSpans(spans, queue).length > 0) &&
    processSpans(spans, 'order-events').some(
      (span) => span.attributes['conveyor.message_type'] === 'order.shipped',
    )
  );
}

describe('one order is one trace across every app and queue (apps as real processes)', () => {
  const receiver = new TraceReceiver();
  const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);
  let receiverUrl: string;
  let e2e: E2eStack;

  beforeAll(async () => {
    receiverUrl = await receiver.start();
    const appEnv = {
      ...exportTo(receiverUrl),
      SQS_BACKOFF_BASE_SECONDS: '1',
      SQS_BACKOFF_MAX_SECONDS: '2',
    };
    e2e = await startE2eStack({
      label: 'trace',
      maxReceiveCount: MAX_RECEIVE_COUNT,
      extraEnv: Object.fromEntries(CONVEYOR_APPS.map((app) => [app, appEnv])),
    });
  });

  afterAll(async () => {
    await stripe.setFaults({});
    await e2e?.stop();
    await receiver.stop();
  });

  it('continues the client’s traceparent from POST /orders to SHIPPED, every span parent-linked', async () => {
    const sku = uniqueSku('trace');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 900, stock: 5 }]);
    const token = await e2e.token('tracer');
    const client = clientTraceparent();

    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], client);
    expect(placed.status).toBe(202);
    const orderId = idOf(placed);
    await waitForOrderStatus(e2e, token, orderId, 'SHIPPED');

    const spans = await waitForTrace(
      receiverUrl,
      client,
      reachedShipped,
      'the order’s whole trace',
    );
    expect(services(spans)).toEqual([...CONVEYOR_APPS].sort());
    expect(spans.every((span) => span.traceId === client.traceId)).toBe(true);
    // The HTTP server span continues the client's span; everything else hangs below it.
    const fromClient = spans.filter((span) => span.parentSpanId === client.spanId);
    expect(fromClient.map((span) => [span.service, span.kind])).toEqual([['order-api', 'server']]);

    const byId = new Map(spans.map((span) => [span.spanId, span]));
    for (const queue of QUEUE_NAMES) {
      for (const process of processSpans(spans, queue)) {
        // Consumed from a send span (its producer's outbox relay), not from a shared batch.
        const send = byId.get(process.parentSpanId!);
        expect({ queue, parent: send?.kind, name: send?.name }).toEqual({
          queue,
          parent: 'producer',
          name: `send ${queue}`,
        });
        expect(process.attributes['messaging.destination.name']).toBe(queue);
        expect(process.links).toHaveLength(1); // the receive span, a trace of its own
      }
    }
    const payment = processSpans(spans, 'payments')[0];
    expect(payment.attributes['conveyor.order_id']).toBe(orderId);
    expect(spans.some((span) => span.service === 'payment-worker' && span.kind === 'client')).toBe(
      true,
    ); // the Stripe call
    expect(
      spans.some((span) => span.attributes['db.system.name'] ?? span.attributes['db.system']),
    ).toBe(true);

    // Log lines written inside the trace carry its id: one "message handled" per hop at least.
    const handled = CONVEYOR_APPS.flatMap((app) => logEntries(e2e, app)).filter(
      (entry) => entry.msg === 'message handled' && entry.orderId === orderId,
    );
    expect(handled.length).toBeGreaterThanOrEqual(QUEUE_NAMES.length);
    for (const entry of handled) {
      expect(entry.trace_id).toBe(client.traceId);
      expect(byId.has(entry.span_id as string)).toBe(true);
    }
  });

  it('keeps redeliveries and a dead-letter redrive in the order’s trace', async () => {
    const sku = uniqueSku('trace-redrive');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 700, stock: 5 }]);
    const token = await e2e.token('tracer-redrive');
    const client = clientTraceparent();
    const sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    let orderId: string;
    await stripe.setFaults({ errorRate: 1, errorStatuses: [500] });
    try {
      const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], client);
      orderId = idOf(placed);
      await waitForQueueCounts(sqs, e2e.directory.payments.dlqUrl, (c) => c.visible === 1, {
        timeoutMs: 60_000,
        description: 'the authorization request in the payments DLQ',
      });
    } finally {
      await stripe.setFaults({});
      sqs.destroy();
    }
    expect(await runDlqRedrive(e2e, 'payments')).toMatchObject({ code: 0 });
    await waitForOrderStatus(e2e, token, orderId, 'SHIPPED', 60_000);

    const spans = await waitForTrace(
      receiverUrl,
      client,
      (all) => reachedShipped(all) && processSpans(all, 'payments').length >= 4,
      'the redriven order’s whole trace',
    );
    const authorizations = processSpans(spans, 'payments').filter(
      (span) => span.attributes['conveyor.message_type'] === 'payment.authorization-requested',
    );
    // Three failed deliveries (receive counts 1–3), then the redriven copy, which succeeded.
    const attempts = authorizations.map((span) => [
      span.attributes['conveyor.receive_count'],
      span.status.code,
    ]);
    expect(attempts).toEqual(
      expect.arrayContaining([
        [1, 'error'],
        [2, 'error'],
        [3, 'error'],
        [1, 'unset'],
      ]),
    );
    expect(authorizations).toHaveLength(4);
    expect(new Set(authorizations.map((span) => span.parentSpanId)).size).toBe(1);
    expect(services(spans)).toEqual([...CONVEYOR_APPS].sort());
  });
});
