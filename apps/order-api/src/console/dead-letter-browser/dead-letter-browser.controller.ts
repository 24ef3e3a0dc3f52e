import { Body, Controller, Delete, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { html, type HtmlFragment } from '../../web/html.template';
import { renderConsolePage } from '../console.layout';
import type { ConsoleSession } from '../session/console-session';
import { ConsoleController, CurrentConsoleSession } from '../session/console-session.guard';
import { DeadLetterConsolePort } from './dead-letter-console.port';
import {
  DEAD_LETTERS_CHANGED,
  renderDeadLetterIndex,
  renderDeadLetterListing,
  renderDeadLetterQueue,
  renderRedriveProgress,
} from './dead-letter.fragments';

/** The dead-letter queues: browse, redrive (with progress), delete one, purge with confirmation. */
@ConsoleController()
@Controller('console/dead-letters')
export class DeadLetterBrowserController {
  constructor(private readonly deadLetters: DeadLetterConsolePort) {}

  @Get()
  async index(@CurrentConsoleSession() session: ConsoleSession, @Res() reply: FastifyReply) {
    const main = renderDeadLetterIndex(await this.deadLetters.depths());
    sendHtml(reply, renderConsolePage(session, { title: 'Dead letters', main }));
  }

  @Get(':queue')
  async queue(
    @CurrentConsoleSession() session: ConsoleSession,
    @Param('queue') queue: string,
    @Res() reply: FastifyReply,
  ) {
    if (!isQueueName(queue)) return notFound(reply, session, queue);
    const main = renderDeadLetterQueue(await this.deadLetters.list(queue));
    sendHtml(reply, renderConsolePage(session, { title: `Dead letters of ${queue}`, main }));
  }

  @Get(':queue/listing')
  async listing(@Param('queue') queue: string, @Res() reply: FastifyReply) {
    if (!isQueueName(queue)) return fragment(reply, html`<p class="error">No such queue</p>`, 404);
    fragment(reply, renderDeadLetterListing(await this.deadLetters.list(queue)));
  }

  @Post(':queue/redrive')
  async redrive(
    @CurrentConsoleSession() session: ConsoleSession,
    @Param('queue') queue: string,
    @Res() reply: FastifyReply,
  ) {
    if (!isQueueName(queue)) return fragment(reply, html`<p class="error">No such queue</p>`, 404);
    const progress = await this.deadLetters.startRedrive(queue, session.admin.customerId);
    announceWhenDone(reply, progress.state);
    fragment(reply, renderRedriveProgress(progress));
  }

  @Get(':queue/redrive/:taskId')
  async progress(
    @Param('queue') queue: string,
    @Param('taskId') taskId: string,
    @Res() reply: FastifyReply,
  ) {
    const progress = isQueueName(queue) ? await this.deadLetters.progress(queue, taskId) : null;
    if (!progress) return fragment(reply, html`<p class="error">No such redrive</p>`, 404);
    announceWhenDone(reply, progress.state);
    fragment(reply, renderRedriveProgress(progress));
  }

  @Delete(':queue/messages/:id')
  async delete(
    @CurrentConsoleSession() session: ConsoleSession,
    @Param('queue') queue: string,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ) {
    if (!isQueueName(queue)) return fragment(reply, html`<p class="error">No such queue</p>`, 404);
    const deleted = await this.deadLetters.delete(queue, id, session.admin.customerId);
    void reply.header('hx-trigger', DEAD_LETTERS_CHANGED);
    fragment(
      reply,
      deleted
        ? html`<p class="ok">Deleted message ${id}.</p>`
        : html`<p class="warn">Message ${id} was no longer in the DLQ.</p>`,
    );
  }

  @Post(':queue/purge')
  async purge(
    @CurrentConsoleSession() session: ConsoleSession,
    @Param('queue') queue: string,
    @Body() body: { confirm?: unknown },
    @Res() reply: FastifyReply,
  ) {
    if (!isQueueName(queue)) return fragment(reply, html`<p class="error">No such queue</p>`, 404);
    if (body?.confirm !== queue) {
      // 200: htmx swaps in only successful answers, and this one must be read.
      return fragment(
        reply,
        html`<p class="error" role="alert">Not purged: type ${queue} to confirm.</p>`,
      );
    }
    await this.deadLetters.purge(queue, session.admin.customerId);
    void reply.header('hx-trigger', DEAD_LETTERS_CHANGED);
    fragment(reply, html`<p class="ok">Purged the ${queue} DLQ.</p>`);
  }
}

function announceWhenDone(reply: FastifyReply, state: string): void {
  if (state !== 'running') void reply.header('hx-trigger', DEAD_LETTERS_CHANGED);
}

function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}

function sendHtml(reply: FastifyReply, page: string, status = 200): void {
  void reply.status(status).type('text/html; charset=utf-8').send(page);
}

function fragment(reply: FastifyReply, body: HtmlFragment, status = 200): void {
  sendHtml(reply, body.toString(), status);
}

function notFound(reply: FastifyReply, session: ConsoleSession, queue: string): void {
  const main = html`<h1>No such queue</h1>
    <p><code>${queue}</code> is not one of ${QUEUE_NAMES.join(', ')}.</p>`;
  sendHtml(reply, renderConsolePage(session, { title: 'No such queue', main }), 404);
}
