import { Injectable } from '@nestjs/common';
import type { ConsumedMessage, MessageHandler } from '@conveyor/messaging';
import { InventoryMessaging } from '../../inventory.messaging';

type Restock = 'inventory.restock-requested';

/** Adds units of a SKU (an admin restock) and tells the order API the new availability. */
@Injectable()
export class RestockHandler implements MessageHandler<Restock> {
  constructor(private readonly messaging: InventoryMessaging) {}

  async handle({ envelope }: ConsumedMessage<Restock>): Promise<void> {
    const { sku, quantity } = envelope.payload;
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const [level] = await manager.query<{ sku: string; available: number }[]>(
        `INSERT INTO inventory.stock (sku, available, received) VALUES ($1, $2, $2)
         ON CONFLICT (sku) DO UPDATE SET available = stock.available + EXCLUDED.available,
           received = stock.received + EXCLUDED.received, updated_at = now()
         RETURNING sku, available`,
        [sku, quantity],
      );
      await emit('order.stock-levels-changed', null, { levels: [level] });
    });
  }
}
