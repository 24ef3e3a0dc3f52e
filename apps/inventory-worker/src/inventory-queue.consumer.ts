import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { ReserveStockHandler } from './stock/reserve-stock/reserve-stock.handler';
import { FulfilReservationHandler } from './stock/fulfil-reservation/fulfil-reservation.handler';
import { ReleaseStockHandler } from './stock/release-stock/release-stock.handler';
import { RestockHandler } from './stock/restock/restock.handler';

/** The inventory queue: each message type it carries, and the handler that applies it. */
@Injectable()
export class InventoryQueueConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly reserveStock: ReserveStockHandler,
    private readonly fulfilReservation: FulfilReservationHandler,
    private readonly releaseStock: ReleaseStockHandler,
    private readonly restock: RestockHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('inventory', {
      'inventory.reservation-requested': this.reserveStock,
      'inventory.reservation-fulfilled': this.fulfilReservation,
      'inventory.release-requested': this.releaseStock,
      'inventory.restock-requested': this.restock,
    });
  }
}
