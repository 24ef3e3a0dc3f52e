import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PoisonMessageError, type ConsumedMessage } from '@conveyor/messaging';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { ReserveStockHandler } from './reserve-stock/reserve-stock.handler';
import { FulfillReservationHandler } from './fulfill-reservation/fulfill-reservation.handler';
import { ReleaseStockHandler } from './release-stock/release-stock.handler';
import { RestockHandler } from './restock/restock.handler';

/** Routes each message on the inventory queue to the handler for its type. */
@Injectable()
export class StockMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly reserve: ReserveStockHandler,
    private readonly fulfill: FulfillReservationHandler,
    private readonly release: ReleaseStockHandler,
    private readonly restock: RestockHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('inventory', (message) => this.route(message));
  }

  private route({ envelope }: ConsumedMessage): Promise<void> {
    switch (envelope.type) {
      case 'inventory.reservation-requested':
        return this.reserve.handle(envelope);
      case 'inventory.reservation-fulfilled':
        return this.fulfill.handle(envelope);
      case 'inventory.release-requested':
        return this.release.handle(envelope);
      case 'inventory.restock-requested':
        return this.restock.handle(envelope);
      default:
        throw new PoisonMessageError(`inventory cannot handle ${envelope.type}`);
    }
  }
}
