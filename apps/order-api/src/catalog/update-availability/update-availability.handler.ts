import { Injectable } from '@nestjs/common';
import type { ConsumedMessage, MessageHandler } from '@conveyor/messaging';
import { OrderApiMessaging } from '../../order-api.messaging';
import { ProductEntity } from '../product.entity';

type StockLevels = 'order.stock-levels-changed';

/**
 * Keeps each product's `available` as the inventory worker last reported it, so GET /products
 * answers without asking. Stock events can arrive out of order: an older level never overwrites
 * a newer one.
 */
@Injectable()
export class UpdateAvailabilityHandler implements MessageHandler<StockLevels> {
  constructor(private readonly messaging: OrderApiMessaging) {}

  async handle({ envelope }: ConsumedMessage<StockLevels>): Promise<void> {
    await this.messaging.runOnce(envelope, async ({ manager }) => {
      for (const level of envelope.payload.levels) {
        await manager
          .createQueryBuilder()
          .update(ProductEntity)
          .set({ available: level.available, updatedAt: new Date(envelope.occurredAt) })
          .where('sku = :sku AND updated_at < :at', { sku: level.sku, at: envelope.occurredAt })
          .execute();
      }
    });
  }
}
