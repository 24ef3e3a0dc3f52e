import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { CreateShipmentHandler } from './shipments/create-shipment/create-shipment.handler';
import { CancelShipmentHandler } from './shipments/cancel-shipment/cancel-shipment.handler';

/** The shipping queue: each message type it carries, and the handler that applies it. */
@Injectable()
export class ShippingQueueConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly createShipment: CreateShipmentHandler,
    private readonly cancelShipment: CancelShipmentHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('shipping', {
      'shipping.shipment-requested': this.createShipment,
      'shipping.cancellation-requested': this.cancelShipment,
    });
  }
}
