import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { html } from '../../web/html.template';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { toOrderView } from '../../orders/get-order/order.view';
import { renderConsolePage } from '../console.layout';
import type { ConsoleSession } from '../session/console-session';
import { ConsoleController, CurrentConsoleSession } from '../session/console-session.guard';
import { pendingMessagesOf } from './order-messages.query';
import { OrderTraces } from './order-traces';
import { renderOrder } from './order.page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One order as operations sees it: any customer's, with its messages and its trace. */
@ConsoleController()
@Controller('console/orders')
export class OrderPageController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly dataSource: DataSource,
    private readonly traces: OrderTraces,
  ) {}

  /** The navigation's lookup form. */
  @Get()
  lookUp(@Query('id') id: string | undefined, @Res() reply: FastifyReply): void {
    void reply.redirect(`/console/orders/${encodeURIComponent((id ?? '').trim())}`, 303);
  }

  @Get(':id')
  async page(
    @CurrentConsoleSession() session: ConsoleSession,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const order = UUID.test(id) ? await this.orders.findById(id) : null;
    if (!order) {
      const main = html`<h1>No such order</h1>
        <p>No order has the id <code>${id}</code>.</p>`;
      void reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(renderConsolePage(session, { title: 'No such order', main }));
      return;
    }
    const [pending, traces] = await Promise.all([
      pendingMessagesOf(this.dataSource, id),
      this.traces.spansOf(id),
    ]);
    const main = renderOrder(toOrderView(order), pending, traces);
    void reply
      .type('text/html; charset=utf-8')
      .send(renderConsolePage(session, { title: `Order ${id}`, main }));
  }
}
