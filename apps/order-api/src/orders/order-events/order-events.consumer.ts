import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QueueConsumersHost } from '@conveyor/service-runtime';
import { ApplyOrderEventHandler } from './apply-order-event.handler';

/** Status changes reach the order API only through this queue. */
@Injectable()
export class OrderEventsConsumer implements OnModuleInit {
  constructor(
    private readonly host: QueueConsumersHost,
    private readonly apply: ApplyOrderEventHandler,
  ) {}

  onModuleInit(): void {
    this.host.consume('order-events', (message) => this.apply.handle(message));
  }
}
