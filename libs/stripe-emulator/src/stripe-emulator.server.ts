import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ChargesLedger } from './charges.ledger';
import { ControlRouter } from './control.router';
import { EmulatorClock } from './emulator.clock';
import type { WebhookDeliveryPolicy, WebhookEndpoint } from './emulator.types';
import { FaultInjector } from './fault.injector';
import { IdempotencyStore } from './idempotency.store';
import { PaymentActionsControlRouter } from './payment-actions-control.router';
import { PaymentIntentsService } from './payment-intents.service';
import { paymentIntentRoutes } from './payment-intents.routes';
import { PaymentMethodsRegistry } from './payment-methods.registry';
import { refundRoutes } from './refunds.routes';
import { RefundsService } from './refunds.service';
import { RequestStats } from './request.stats';
import { EventPublisher } from './stripe-event.publisher';
import { V1RequestHandler } from './v1-request.handler';
import { V1Router } from './v1.router';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhooksControlRouter } from './webhooks-control.router';

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLargeError extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new BodyTooLargeError(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body, null, 2));
}

export interface StripeEmulatorServerOptions {
  /** Where to send signed webhooks for the events the emulator produces; none when left out. */
  webhook?: WebhookEndpoint;
  /** Retry schedule of webhook deliveries (tests shorten it). */
  webhookDelivery?: Partial<WebhookDeliveryPolicy>;
}

/** One in-memory Stripe account served over HTTP: /v1 for the SDK, /_emulator for tests. */
export class StripeEmulatorServer {
  private readonly server: Server;
  private readonly v1: V1RequestHandler;
  private readonly control: ControlRouter;
  private readonly faults = new FaultInjector();
  private readonly webhooks: WebhookDispatcher;

  constructor(options: StripeEmulatorServerOptions = {}) {
    const clock = new EmulatorClock();
    this.webhooks = new WebhookDispatcher(options.webhook, options.webhookDelivery);
    const events = new EventPublisher(clock, this.webhooks);
    const charges = new ChargesLedger(events, clock);
    const paymentMethods = new PaymentMethodsRegistry();
    const paymentIntents = new PaymentIntentsService(paymentMethods, clock, charges, events);
    const refunds = new RefundsService(paymentIntents, charges, events);
    const idempotency = new IdempotencyStore(clock);
    const stats = new RequestStats();
    const router = new V1Router([...paymentIntentRoutes(paymentIntents), ...refundRoutes(refunds)]);
    this.v1 = new V1RequestHandler({ router, idempotency, faults: this.faults, stats, events });
    this.control = new ControlRouter({
      paymentIntents,
      faults: this.faults,
      stats,
      clock,
      routes: [
        new WebhooksControlRouter(this.webhooks),
        new PaymentActionsControlRouter(paymentIntents, charges),
      ],
      clearState: () => {
        paymentIntents.clear();
        charges.clear();
        refunds.clear();
        paymentMethods.clear();
        idempotency.clear();
        this.webhooks.reset();
      },
    });
    this.server = createServer((request, response) => void this.dispatch(request, response));
  }

  /** Starts listening; port 0 picks a free port. Resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops listening and abandons every webhook delivery still pending. */
  close(): Promise<void> {
    this.webhooks.stop();
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      // The SDK keeps sockets alive between requests; without this close() would wait on them.
      this.server.closeAllConnections();
    });
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://stripe-emulator');
      if (url.pathname.startsWith('/_emulator/')) {
        const answer = this.control.handle(request.method ?? 'GET', url.pathname, body);
        sendJson(response, answer.status, answer.body);
        return;
      }
      await this.answerV1(request, response, { path: url.pathname, query: url.search, body });
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, {
          error: { type: 'invalid_request_error', message: error.message },
        });
        return;
      }
      const message = `Stripe emulator failure: ${error instanceof Error ? error.message : String(error)}`;
      sendJson(response, 500, { error: { type: 'api_error', message } });
    }
  }

  private async answerV1(
    request: IncomingMessage,
    response: ServerResponse,
    parts: { path: string; query: string; body: string },
  ): Promise<void> {
    const outcome = this.v1.handle({
      method: request.method ?? 'GET',
      headers: request.headers,
      path: parts.path,
      query: parts.query.replace(/^\?/, ''),
      body: parts.body,
    });
    // Work happens before the delay, so a client that times out has still been charged.
    if (this.faults.latencyMs > 0) {
      await delay(this.faults.latencyMs);
    }
    if (outcome.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    response.writeHead(outcome.status, outcome.headers);
    response.end(outcome.body);
  }
}

export interface StripeEmulatorOptions extends StripeEmulatorServerOptions {
  /** 0 (the default) binds a free port. */
  port?: number;
  host?: string;
}

export interface RunningStripeEmulator {
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startStripeEmulator(
  options: StripeEmulatorOptions = {},
): Promise<RunningStripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const { webhook, webhookDelivery } = options;
  const emulator = new StripeEmulatorServer({ webhook, webhookDelivery });
  const port = await emulator.listen(options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, host, port, stop: () => emulator.close() };
}
