import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface ReceivedWebhook {
  event: Stripe.Event;
  rawBody: string;
  signature: string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A webhook endpoint as the order API runs one: a real HTTP server that verifies every request
 * with the official SDK (`Stripe.webhooks.constructEvent`, default 300 s tolerance), answers 400
 * to a bad signature and, unless told otherwise, 200 to a good one.
 */
export class WebhookReceiver {
  readonly secret = 'whsec_stripe_emulator_spec';
  /** Verified events answered 2xx, in arrival order. */
  readonly received: ReceivedWebhook[] = [];
  /** Every verified request's event id and the status answered, in arrival order. */
  readonly attempts: { eventId: string; status: number }[] = [];
  readonly rejected: string[] = [];
  private answers: number[] = [];
  private readonly server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const status = this.answer(body, request.headers['stripe-signature']);
      response.writeHead(status).end();
    });
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/stripe`;
    return this;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The statuses to answer the next verified requests with, one each; then 200 again. */
  answerNext(...statuses: number[]): void {
    this.answers.push(...statuses);
  }

  /** The types of one PaymentIntent's delivered events, in arrival order. */
  typesFor(paymentIntentId: string): string[] {
    return this.eventsFor(paymentIntentId).map((event) => event.type);
  }

  eventsFor(paymentIntentId: string): Stripe.Event[] {
    return this.received
      .map(({ event }) => event)
      .filter((event) => paymentIntentOf(event) === paymentIntentId);
  }

  clear(): void {
    this.received.length = 0;
    this.attempts.length = 0;
    this.rejected.length = 0;
    this.answers = [];
  }

  private answer(rawBody: string, signature: string | string[] | undefined): number {
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature ?? '', this.secret);
    } catch (error) {
      this.rejected.push((error as Error).message);
      return 400;
    }
    const status = this.answers.shift() ?? 200;
    this.attempts.push({ eventId: event.id, status });
    if (status >= 200 && status < 300) {
      this.received.push({ event, rawBody, signature: signature as string });
    }
    return status;
  }
}

/** The PaymentIntent an event is about: the object itself, or the one it names. */
export function paymentIntentOf(event: Stripe.Event): string {
  const object = event.data.object as { id: string; object: string; payment_intent?: string };
  return object.object === 'payment_intent' ? object.id : (object.payment_intent ?? '');
}

/** Polls until `probe` gives a value `done` accepts, failing at the deadline: never a sleep. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  description: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${description}; last: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
