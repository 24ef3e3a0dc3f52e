import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import { METRICS, MetricsService } from '@conveyor/observability';
import { OrderApiMessaging } from '../../order-api.messaging';
import { forwardedFactsOf } from './stripe-event.forwarding';
import { summarizeStripeEvent } from './stripe-signature.verifier';
import { StripeWebhookEventStore } from './stripe-webhook-event.store';

export type WebhookResult = 'forwarded' | 'recorded' | 'duplicate';

/**
 * Records a verified event once and, in the same transaction, stages what the payment worker
 * must reconcile: a repeat, even one racing the first delivery, forwards nothing.
 */
@Injectable()
export class ReceiveStripeWebhookHandler {
  private readonly received;

  constructor(
    private readonly messaging: OrderApiMessaging,
    private readonly events: StripeWebhookEventStore,
    private readonly logger: PinoLogger,
    metrics: MetricsService,
  ) {
    this.received = metrics.counter(METRICS.stripeWebhooks);
  }

  async execute(event: Stripe.Event): Promise<WebhookResult> {
    const summary = summarizeStripeEvent(event);
    const facts = forwardedFactsOf(event);
    const result = await this.messaging.run(async ({ manager, emit }): Promise<WebhookResult> => {
      if (!(await this.events.recordOnce(manager, summary))) return 'duplicate';
      if (!facts) return 'recorded';
      await emit('payment.stripe-event-received', null, facts);
      return 'forwarded';
    });
    this.received.inc({ type: facts?.eventType ?? 'other', result });
    const { id, type, paymentIntentId } = summary;
    this.logger.info({ stripeEventId: id, type, paymentIntentId, result }, 'stripe webhook');
    return result;
  }
}
