import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyLimiter } from './concurrency.limiter';
import type { WebhookDeliveryPolicy, WebhookDeliveryView, WebhookEndpoint } from './emulator.types';
import type { WebhookDeliveryLog } from './webhook-delivery.log';
import { postWebhook, type PostOutcome } from './webhook-http.client';
import { stripeSignatureHeader } from './webhook.signature';

export interface QueuedDelivery {
  /** The event as sent, serialized once: every attempt carries the same bytes. */
  payload: string;
  paymentIntent: string;
  record: WebhookDeliveryView;
}

function delivered(outcome: PostOutcome): boolean {
  return 'statusCode' in outcome && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

/**
 * Sends webhooks off the request path, as Stripe does: each event is POSTed, signed, until the
 * receiver answers 2xx or the attempts run out, with a doubling wait between attempts. One
 * PaymentIntent's events form a chain, each sent once the one before it settled, so they arrive
 * in the order given; different PaymentIntents' chains run side by side (up to `maxConcurrent`
 * attempts at once). Timers are unref'd and `abandon()` stops everything, so nothing it holds
 * keeps a process alive.
 */
export class WebhookSender {
  private chains = new Map<string, Promise<void>>();
  private lifetime = new AbortController();
  private readonly slots: ConcurrencyLimiter;

  constructor(
    private readonly policy: WebhookDeliveryPolicy,
    /** Read at each attempt, so a URL or secret changed at run time applies to retries too. */
    private readonly endpoint: () => WebhookEndpoint | null,
    private readonly log: WebhookDeliveryLog,
  ) {
    this.slots = new ConcurrencyLimiter(policy.maxConcurrent);
  }

  /** Queues the delivery behind its PaymentIntent's earlier ones; returns at once. */
  enqueue(delivery: QueuedDelivery): void {
    const { signal } = this.lifetime;
    const key = delivery.paymentIntent;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(delivery, signal));
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) {
        this.chains.delete(key);
      }
    });
  }

  /** Forgets every queued delivery and pending retry, and aborts the attempts in flight. */
  abandon(): void {
    this.lifetime.abort();
    this.lifetime = new AbortController();
    this.chains = new Map();
  }

  /** Never rejects: a chain must go on to the next event whatever happened to this one. */
  private async deliver(delivery: QueuedDelivery, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt += 1) {
      const outcome = await this.slots.run(() => this.attempt(delivery, signal));
      if (signal.aborted) {
        return;
      }
      this.log.attempted(delivery.record, outcome);
      if (delivered(outcome)) {
        this.log.settle(delivery.record, 'delivered');
        return;
      }
      if (attempt >= this.policy.maxAttempts) {
        this.log.settle(delivery.record, 'failed');
        return;
      }
      await sleep(this.retryDelay(attempt), undefined, { signal, ref: false }).catch(() => {});
    }
  }

  private async attempt(delivery: QueuedDelivery, signal: AbortSignal): Promise<PostOutcome> {
    const endpoint = this.endpoint();
    if (signal.aborted || !endpoint) {
      return { error: 'no webhook URL and secret configured' };
    }
    // Signed now, with the machine's clock: Stripe signs each attempt when it sends it, and the
    // emulator's own clock may run a day ahead (receivers allow 300 s of skew).
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'Stripe-Signature': stripeSignatureHeader(delivery.payload, endpoint.secret, timestamp),
    };
    const timeoutMs = this.policy.attemptTimeoutMs;
    return postWebhook(endpoint.url, delivery.payload, headers, { signal, timeoutMs });
  }

  private retryDelay(attempt: number): number {
    const delay = this.policy.firstRetryDelayMs * 2 ** (attempt - 1);
    return Math.min(delay, this.policy.maxRetryDelayMs);
  }
}
