import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PoisonMessageError, type ConsumedMessage } from '@conveyor/messaging';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { CreateShipmentHandler } from './create-shipment/create-shipment.handler';
import { CancelShipmentHandler } from './cancel-shipment/cancel-shipment.handler';

/** Routes each message on the shipping queue to the handler for its type. */
@Injectable()
export class ShipmentMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly createShipment: CreateShipmentHandler,
    private readonly cancelShipment: CancelShipmentHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('shipping', (message) => this.route(message));
  }

  private route({ envelope }: ConsumedMessage): Promise<void> {
    switch (envelope.type) {
      case 'shipping.shipment-requested':
        return this.createShipment.handle(envelope);
      case 'shipping.cancellation-requested':
        return this.cancelShipment.handle(envelope);
      default:
        throw new PoisonMessageError(`shipping cannot handle ${envelope.type}`);
    }
  }
}
