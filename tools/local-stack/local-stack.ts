import path from 'node:path';
import { issueAccessToken } from '@conveyor/auth';
import type { LocalStackEnv, LocalStackModeEnv } from '@conveyor/config';
import { startStripeEmulator } from '@conveyor/stripe-emulator';
import {
  ConveyorStack,
  CONVEYOR_APPS,
  describeRestart,
  localJwtSecret,
  localStripeWebhookSecret,
  TraceReceiver,
  type ConveyorApp,
} from '@conveyor/dev-stack';
import { LocalBackingServices } from './local-backing.services';
import { provisionLocalQueues } from './local-queues';
import { prefixedLogger } from './prefixed.logger';

export const LOCAL_PORTS: Record<ConveyorApp, number> = {
  'order-api': 3000,
  'payment-worker': 3001,
  'inventory-worker': 3002,
  'shipping-worker': 3003,
};

const ORDER_API_URL = `http://127.0.0.1:${LOCAL_PORTS['order-api']}`;

/**
 * The whole pipeline on one machine: whatever backing service is not configured is started
 * locally (data under .data/, kept across restarts), then migrations, the seed catalog, the
 * queues and the four apps as separate processes.
 */
export class LocalStack {
  private readonly log = prefixedLogger('stack');
  private readonly backing: LocalBackingServices;
  private readonly dataDir: string;
  private stack?: ConveyorStack;
  private traces?: TraceReceiver;

  constructor(
    private readonly env: LocalStackEnv,
    private readonly root: string,
    /** In production every service and both secrets are given (see localStackModeEnvSchema). */
    private readonly mode: LocalStackModeEnv = { NODE_ENV: 'development' },
  ) {
    this.dataDir = path.resolve(root, env.CONVEYOR_DATA_DIR);
    this.backing = new LocalBackingServices(this.dataDir, this.log);
  }

  async start(): Promise<void> {
    const env = this.env;
    const production = this.mode.NODE_ENV === 'production';
    const authJwtSecret = this.mode.AUTH_JWT_SECRET ?? localJwtSecret(this.dataDir, true);
    const databaseUrl = env.DATABASE_URL ?? (await this.backing.postgres());
    const sqsEndpoint = env.SQS_ENDPOINT ?? (await this.backing.sqs());
    const stripe = await this.stripe();
    const tracesUrl = await this.startTraceReceiver();
    this.stack = new ConveyorStack({
      databaseUrl,
      sqsEndpoint,
      stripeSecretKey: stripe.secretKey,
      stripeApiBaseUrl: stripe.apiBaseUrl,
      queuePrefix: env.SQS_QUEUE_PREFIX,
      queueMode: env.QUEUE_MODE,
      authJwtSecret,
      stripeWebhookSecret: stripe.webhookSecret,
      ports: LOCAL_PORTS,
      logLevel: env.LOG_LEVEL,
      // JSON for machines; a person at a terminal reads lines.
      prettyLogs: env.LOG_PRETTY ?? (process.stdout.isTTY && !env.CI),
      nodeEnv: production ? 'production' : 'development',
      // The storefront's demo sign-in is for this local stack only; production config refuses it.
      extraEnv: production ? undefined : { 'order-api': { DEMO_SIGN_IN: 'true' } },
      onLine: (app, line) => prefixedLogger(app)(line),
      tracesReceiverUrl: tracesUrl,
      personalDataKeys: { shipping: env.PII_KEYS_SHIPPING, payment: env.PII_KEYS_PAYMENT },
      // An app that dies is started again with backoff; Ctrl-C (stop()) ends supervision first.
      supervise: true,
      onRestart: (event) => this.log(describeRestart(event)),
    });
    await this.stack.migrate(path.join(this.root, 'tools/local-stack/seed-catalog.json'));
    await provisionLocalQueues({
      endpoint: sqsEndpoint,
      region: env.AWS_REGION,
      prefix: env.SQS_QUEUE_PREFIX,
      mode: env.QUEUE_MODE,
    });
    this.log('queues provisioned');
    await this.stack.start();
    await this.printSummary(
      { databaseUrl, sqsEndpoint, stripeUrl: stripe.apiBaseUrl, tracesUrl },
      authJwtSecret,
    );
  }

  /** Apps first (they drain and commit), then the services they were using. */
  async stop(): Promise<void> {
    await this.stack?.stop();
    await this.traces?.stop();
    await this.backing.stop();
  }

  /**
   * Stripe as configured, or the emulator, which signs its webhooks to the order API with a
   * local secret the order API verifies them with (made once, kept in the data directory).
   */
  private async stripe(): Promise<{
    secretKey: string;
    apiBaseUrl?: string;
    webhookSecret?: string;
  }> {
    const { STRIPE_SECRET_KEY, STRIPE_API_BASE_URL } = this.env;
    if (STRIPE_SECRET_KEY) {
      const webhookSecret = this.mode.STRIPE_WEBHOOK_SECRET;
      return { secretKey: STRIPE_SECRET_KEY, apiBaseUrl: STRIPE_API_BASE_URL, webhookSecret };
    }
    const webhookSecret = this.mode.STRIPE_WEBHOOK_SECRET ?? localStripeWebhookSecret(this.dataDir);
    const webhook = { url: `${ORDER_API_URL}/webhooks/stripe`, secret: webhookSecret };
    const emulator = await this.backing.stripe(() => startStripeEmulator({ port: 12111, webhook }));
    return { ...emulator, webhookSecret };
  }

  /** Unless traces go elsewhere already, a local receiver collects every app's spans. */
  private async startTraceReceiver(): Promise<string | undefined> {
    if (this.env.OTEL_EXPORTER_OTLP_ENDPOINT || this.env.OTEL_TRACES_EXPORTER) return undefined;
    this.traces = new TraceReceiver();
    return this.traces.start(this.env.TRACES_RECEIVER_PORT);
  }

  private async printSummary(
    urls: { databaseUrl: string; sqsEndpoint?: string; stripeUrl?: string; tracesUrl?: string },
    secret: string,
  ) {
    const log = this.log;
    log('Conveyor is ready:');
    log(`  order API        ${ORDER_API_URL}  (docs: /docs)`);
    log(`  storefront       ${ORDER_API_URL}/shop`);
    for (const app of CONVEYOR_APPS.slice(1)) {
      log(`  ${app.padEnd(16)} http://127.0.0.1:${LOCAL_PORTS[app]}/health/ready  /metrics`);
    }
    log(`  PostgreSQL       ${urls.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
    log(`  SQS              ${urls.sqsEndpoint ?? 'AWS (default credential chain)'}`);
    log(`  Stripe           ${urls.stripeUrl ?? 'api.stripe.com'}`);
    log(`  Traces           ${tracesLine(urls.tracesUrl)}`);
    log(`Customer token (alice): ${await issueAccessToken(secret, { sub: 'alice' })}`);
    log(`Admin token (ops):      ${await issueAccessToken(secret, { sub: 'ops', role: 'admin' })}`);
    log('More tokens: npm run -s token -- --sub <customer> [--role admin]');
    log('Press Ctrl-C to stop.');
  }
}

function tracesLine(url: string | undefined): string {
  if (!url) return 'as OTEL_* says (no local receiver)';
  return `${url}/api/traces?orderId=<id>  (OTLP/HTTP JSON in at ${url}/v1/traces)`;
}
