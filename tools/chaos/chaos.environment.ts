import { chmodSync, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import {
  ConveyorStack,
  CONVEYOR_APPS,
  describeRestart,
  dropDatabase,
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  startSqsEmulatorProcess,
  type ConveyorApp,
} from '@conveyor/dev-stack';
import { createSqsClient, provisionQueues, resolveQueueTopology } from '@conveyor/messaging';
import { startStripeEmulator, StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { TcpProxy } from '@conveyor/testing';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDirectory } from '@conveyor/messaging';

export const CHAOS_JWT_SECRET = 'chaos-secret-chaos-secret-chaos-secret-chaos';
const STRIPE_KEY = 'sk_test_conveyor_chaos';
const QUEUE_PREFIX = 'chaos-';
const SQS_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The small-stock SKU that runs out early in a run, so OUT_OF_STOCK is among the outcomes. */
export const LIMITED_SKU = 'CHAOS-LIMITED';
const CATALOG = [
  ...Array.from({ length: 6 }, (_, index) => ({
    sku: `CHAOS-${index + 1}`,
    name: `Chaos product ${index + 1}`,
    priceCents: 900 + index * 150,
    currency: 'EUR',
    stock: 1_000_000,
  })),
  { sku: LIMITED_SKU, name: 'Limited edition', priceCents: 4900, currency: 'EUR', stock: 40 },
];

export interface ChaosEnvironmentOptions {
  /** A server to create the run's database on; unset: an embedded PostgreSQL in a temp dir. */
  databaseAdminUrl?: string;
  /** Where the apps' output goes (a file kept beside the report). */
  logFile: string;
  log: (line: string) => void;
}

/**
 * The chaos run's own copy of everything: PostgreSQL (a fresh database), an in-memory fauxqs,
 * the Stripe emulator, TCP proxies in front of PostgreSQL and SQS that the apps talk through,
 * and the four apps under supervision on free ports. Nothing is shared with `npm start`.
 */
export class ChaosEnvironment {
  private readonly cleanups: (() => Promise<void>)[] = [];
  stack!: ConveyorStack;
  ports = {} as Record<ConveyorApp, number>;
  postgresProxy!: TcpProxy;
  sqsProxy!: TcpProxy;
  stripe!: StripeEmulatorControl;
  /** Straight to PostgreSQL, past the proxy: the run's own look-ups work through outages. */
  sql!: Pool;
  sqs!: SQSClient;
  directory!: QueueDirectory;
  /** Through the proxy, as the apps connect. */
  databaseUrl!: string;
  /** Straight to the run's database, for the auditor. */
  directDatabaseUrl!: string;
  sqsEndpoint!: string;
  stripeUrl = '';
  readonly queuePrefix = QUEUE_PREFIX;
  readonly stripeKey = STRIPE_KEY;
  readonly catalog = CATALOG;
  readonly workDir = mkdtempSync(path.join(tmpdir(), 'conveyor-chaos-'));
  readonly restartLog: string[] = [];

  constructor(private readonly options: ChaosEnvironmentOptions) {
    this.cleanups.push(() =>
      Promise.resolve(rmSync(this.workDir, { recursive: true, force: true })),
    );
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.ports['order-api']}`;
  }

  async start(): Promise<void> {
    try {
      await this.startBackingServices();
      await this.startApps();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) =>
        this.options.log(`cleanup failed: ${String(error)}`),
      );
    }
  }

  private async startBackingServices(): Promise<void> {
    const adminUrl = this.options.databaseAdminUrl ?? (await this.startEmbeddedPostgres());
    const name = `conveyor_chaos_${Date.now()}`;
    const directUrl = await ensureDatabase(adminUrl, name);
    this.directDatabaseUrl = directUrl;
    this.cleanups.push(() => dropDatabase(adminUrl, name));
    this.sql = new Pool({ connectionString: directUrl, max: 3, application_name: 'chaos-run' });
    this.sql.on('error', () => undefined);
    this.cleanups.push(() => this.sql.end());
    const postgresPort = Number(new URL(directUrl).port || 5432);
    this.postgresProxy = await TcpProxy.start(postgresPort);
    this.cleanups.push(() => this.postgresProxy.stop());
    const proxied = new URL(directUrl);
    proxied.port = String(this.postgresProxy.port);
    this.databaseUrl = proxied.toString();
    const sqsEmulator = await startSqsEmulatorProcess();
    this.cleanups.push(() => sqsEmulator.stop());
    this.sqsProxy = await TcpProxy.start(sqsEmulator.port);
    this.cleanups.push(() => this.sqsProxy.stop());
    this.sqsEndpoint = sqsEmulator.endpoint;
    this.sqs = createSqsClient({
      region: 'us-east-1',
      endpoint: sqsEmulator.endpoint,
      credentials: SQS_CREDENTIALS,
    });
    this.cleanups.push(() => Promise.resolve(this.sqs.destroy()));
    this.directory = await provisionQueues(
      this.sqs,
      resolveQueueTopology({ prefix: QUEUE_PREFIX, mode: 'standard' }),
    );
    const stripe = await startStripeEmulator({ port: 0 });
    this.cleanups.push(() => stripe.stop());
    this.stripe = new StripeEmulatorControl(stripe.url);
    this.stripeUrl = stripe.url;
  }

  private async startEmbeddedPostgres(): Promise<string> {
    this.options.log('DATABASE_URL unset: starting an embedded PostgreSQL');
    const dir = path.join(this.workDir, 'postgres');
    // As root, PostgreSQL runs as the `postgres` user, who must be able to create its data here.
    chmodSync(this.workDir, 0o777);
    const postgres = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
    this.cleanups.push(() => postgres.stop());
    return postgres.adminUrl;
  }

  private async startApps(): Promise<void> {
    for (const app of CONVEYOR_APPS) this.ports[app] = await freePort();
    const logs = createWriteStream(this.options.logFile);
    this.cleanups.push(() => new Promise<void>((resolve) => logs.end(resolve)));
    this.stack = new ConveyorStack({
      databaseUrl: this.databaseUrl,
      sqsEndpoint: `http://127.0.0.1:${this.sqsProxy.port}`,
      stripeSecretKey: STRIPE_KEY,
      stripeApiBaseUrl: this.stripeUrl,
      queuePrefix: QUEUE_PREFIX,
      queueMode: 'standard',
      authJwtSecret: CHAOS_JWT_SECRET,
      ports: this.ports,
      logLevel: 'warn',
      // The load comes from a few hundred customers: lift the per-customer limit.
      extraEnv: { 'order-api': { RATE_LIMIT_REQUESTS: '1000000' } },
      onLine: (app, line) => logs.write(`${app} | ${line}\n`),
      // `npm start`'s own supervision: an app that came up is restarted after its first delay
      // however often it is killed; only one dying before it comes up backs off.
      supervise: true,
      onRestart: (event) => {
        const line = describeRestart(event);
        this.restartLog.push(line);
        logs.write(`supervisor | ${line}\n`);
      },
    });
    const catalog = path.join(this.workDir, 'catalog.json');
    writeFileSync(catalog, JSON.stringify(CATALOG));
    this.options.log('migrating and seeding the run database');
    await this.stack.migrate(catalog);
    this.options.log('starting the four apps under supervision');
    await this.stack.start();
    this.cleanups.push(() => this.stack.stop());
  }
}
