import { Controller, Get, Header, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@conveyor/auth';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { canSee } from '../../orders/get-order/get-order.controller';
import { toOrderView, type OrderView } from '../../orders/get-order/order.view';
import { isTerminal } from '../../orders/domain/order-status';
import { OrderNotFoundError } from '../../orders/domain/order.errors';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { OrderStatusWatcher } from './order-status.watcher';
import { renderOrderPanel, renderOrderStatus } from './order-status.view';
import { serverSentEvent, SSE_HEARTBEAT } from './server-sent.event';

const HEARTBEAT_MS = 20_000;

/**
 * The storefront's view of one of the shopper's own orders: the panel (HTML), and the stream
 * of its status changes (text/event-stream) that the panel connects to until the order ends.
 * Signed in by the session cookie, or a bearer token; another customer's order is not found.
 */
@ApiExcludeController()
@Controller('shop/orders')
export class OrderStatusStreamController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly watcher: OrderStatusWatcher,
  ) {}

  @Get(':id')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async panel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<string> {
    return renderOrderPanel(await this.ownOrder(principal, id)).toString();
  }

  @Get(':id/events')
  async events(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const order = await this.ownOrder(principal, id);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      stream.end();
    };
    const send = (view: OrderView) => {
      if (ended) return;
      stream.write(serverSentEvent('status', renderOrderStatus(view).toString()));
      // `done` makes the page close its EventSource before the response ends, so the browser
      // does not reconnect (and report an error) once the order has nowhere left to go.
      if (isTerminal(view.status)) {
        stream.write(serverSentEvent('done', view.status));
        end();
      }
    };
    const heartbeat = setInterval(() => stream.write(SSE_HEARTBEAT), HEARTBEAT_MS);
    const unsubscribe = this.watcher.subscribe(id, order.timeline.length, {
      onChange: send,
      onClose: end,
    });
    stream.on('close', end);
    send(order);
  }

  private async ownOrder(principal: Principal, id: string): Promise<OrderView> {
    const order = await this.orders.findById(id);
    if (!order || !canSee(principal, order.snapshot.customerId)) throw new OrderNotFoundError(id);
    return toOrderView(order);
  }
}
