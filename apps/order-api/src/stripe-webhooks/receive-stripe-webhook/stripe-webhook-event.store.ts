import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VerifiedStripeEvent } from './stripe-signature.verifier';

/**
 * Each Stripe event id is recorded once: Stripe delivers at least once and retries for days, so
 * a repeat must be recognised and change nothing.
 */
@Injectable()
export class StripeWebhookEventStore {
  /** True when the event is new; false when its id was already recorded. */
  async recordOnce(manager: EntityManager, event: VerifiedStripeEvent): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO orders.stripe_webhook_events
         (event_id, type, stripe_created_at, object_id, payment_intent_id)
       VALUES ($1, $2, to_timestamp($3), $4, $5)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [event.id, event.type, event.created, event.objectId ?? null, event.paymentIntentId ?? null],
    );
    return rows.length === 1;
  }
}
