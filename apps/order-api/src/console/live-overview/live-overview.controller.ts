import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../web/html.template';
import { renderConsolePage } from '../console.layout';
import type { ConsoleSession } from '../session/console-session';
import { ConsoleController, CurrentConsoleSession } from '../session/console-session.guard';
import { OverviewFeed } from './overview.feed';
import { renderOverview } from './overview.fragment';
import type { OverviewHistory } from './overview.history';
import type { OverviewSnapshot } from './overview.snapshot';
import { serverSentEvent } from './server-sent-event';

/**
 * The live overview: the page, then one Server-Sent Events stream per open console fed by the
 * process's single sampler. Every snapshot is rendered once, whoever is watching.
 */
@ConsoleController()
@Controller('console')
export class LiveOverviewController {
  private readonly rendered = new WeakMap<OverviewSnapshot, string>();

  constructor(private readonly feed: OverviewFeed) {}

  @Get()
  page(@CurrentConsoleSession() session: ConsoleSession, @Res() reply: FastifyReply): void {
    const latest = this.feed.history.latest;
    const main = html`<h1>Overview</h1>
      <div id="overview" hx-ext="sse" sse-connect="/console/live" sse-swap="overview">
        ${
          latest
            ? renderOverview(latest, this.feed.history)
            : html`<p class="muted">Waiting for the first sample…</p>`
        }
      </div>`;
    void reply
      .type('text/html; charset=utf-8')
      .send(renderConsolePage(session, { title: 'Overview', main }));
  }

  @Get('live')
  live(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies that buffer would hold the events back.
      'x-accel-buffering': 'no',
    });
    stream.write('retry: 5000\n\n');
    const end = () => {
      unsubscribe();
      if (!stream.writableEnded) stream.end();
    };
    const unsubscribe = this.feed.subscribe((snapshot, history) => {
      stream.write(serverSentEvent('overview', this.render(snapshot, history)));
    }, end);
    request.raw.once('close', end);
  }

  private render(snapshot: OverviewSnapshot, history: OverviewHistory): string {
    let markup = this.rendered.get(snapshot);
    if (markup === undefined) {
      markup = renderOverview(snapshot, history).toString();
      this.rendered.set(snapshot, markup);
    }
    return markup;
  }
}
