import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PoisonMessageError, type ConsumedMessage } from '@conveyor/messaging';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { CreateShipmentHandler } from './create-shipment/create-shipment.handler';

/** Routes each message on the shipping queue to the handler for its type. */
@Injectable()
export class ShipmentMessagesConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly createShipment: CreateShipmentHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('shipping', (message) => this.route(message));
  }

  private route({ envelope }: ConsumedMessage): Promise<void> {
    if (envelope.type === 'shipping.shipment-requested') return this.createShipment.handle(envelope);
    throw new PoisonMessageError(`shipping cannot handle ${envelope.type}`);
  }
}
