import type { WebhookDeliveryView } from './emulator.types';
import type { EmulatedEvent } from './stripe-event.publisher';
import type { PostOutcome } from './webhook-http.client';

/** Deliveries the control API lists; older ones are forgotten (the counters keep counting). */
const RECENT_DELIVERIES = 200;

export interface DeliveryCounts {
  pending: number;
  delivered: number;
  failed: number;
}

/** The state of every webhook delivery: counters over all of them, details of the recent ones. */
export class WebhookDeliveryLog {
  private recent: WebhookDeliveryView[] = [];
  private counts: DeliveryCounts = { pending: 0, delivered: 0, failed: 0 };

  /** A new pending delivery; the record is updated in place as attempts are made. */
  open(event: EmulatedEvent, paymentIntent: string): WebhookDeliveryView {
    const record: WebhookDeliveryView = {
      eventId: event.id,
      type: event.type,
      paymentIntent,
      attempts: 0,
      status: 'pending',
    };
    this.counts.pending += 1;
    this.recent.push(record);
    if (this.recent.length > RECENT_DELIVERIES) {
      this.recent.shift();
    }
    return record;
  }

  attempted(record: WebhookDeliveryView, outcome: PostOutcome): void {
    record.attempts += 1;
    if ('statusCode' in outcome) {
      record.lastStatusCode = outcome.statusCode;
      delete record.lastError;
    } else {
      record.lastError = outcome.error;
      delete record.lastStatusCode;
    }
  }

  settle(record: WebhookDeliveryView, status: 'delivered' | 'failed', reason?: string): void {
    record.status = status;
    if (reason) {
      record.lastError = reason;
    }
    this.counts.pending -= 1;
    this.counts[status] += 1;
  }

  counters(): DeliveryCounts {
    return { ...this.counts };
  }

  deliveries(): WebhookDeliveryView[] {
    return this.recent.map((record) => ({ ...record }));
  }

  clear(): void {
    this.recent = [];
    this.counts = { pending: 0, delivered: 0, failed: 0 };
  }
}
