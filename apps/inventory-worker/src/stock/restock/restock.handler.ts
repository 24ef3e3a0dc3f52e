import { Injectable } from '@nestjs/common';
import type { Envelope, RestockRequested } from '@conveyor/contracts';
import { TransactionalMessaging } from '@conveyor/transactional-messaging';

/** Adds units of a SKU (an admin restock) and tells the order API the new availability. */
@Injectable()
export class RestockHandler {
  constructor(private readonly messaging: TransactionalMessaging) {}

  async handle(envelope: Envelope<'inventory.restock-requested', RestockRequested>) {
    const { sku, quantity } = envelope.payload;
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const [level] = await manager.query<{ sku: string; available: number }[]>(
        `INSERT INTO inventory.stock (sku, available) VALUES ($1, $2)
         ON CONFLICT (sku) DO UPDATE SET available = stock.available + EXCLUDED.available, updated_at = now()
         RETURNING sku, available`,
        [sku, quantity],
      );
      await emit('inventory.stock-levels-changed', null, { levels: [level] });
    });
  }
}
