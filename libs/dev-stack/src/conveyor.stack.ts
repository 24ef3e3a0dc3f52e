import { inheritedEnvironment } from '@conveyor/config';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { AppSupervisor, type RestartEvent, type UnexpectedExit } from './app.supervisor';
import type { RestartBackoffOptions } from './restart.backoff';
import {
  answersLive,
  runMigrateProcess,
  startServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from './service.process';

export { CONVEYOR_APPS, type ConveyorApp };

export interface ConveyorStackOptions {
  databaseUrl: string;
  sqsEndpoint?: string;
  stripeSecretKey: string;
  stripeApiBaseUrl?: string;
  queuePrefix: string;
  queueMode: 'standard' | 'fifo';
  /** HS256 secret the order API verifies customer tokens with. */
  authJwtSecret: string;
  /**
   * STRIPE_WEBHOOK_SECRET, the order API's alone: what the Stripe emulator (or Stripe) signs
   * webhooks with. Unset: the webhook endpoint answers 503, and production refuses to start.
   */
  stripeWebhookSecret?: string;
  ports: Record<ConveyorApp, number>;
  logLevel?: string;
  /** Per-app extra variables, e.g. failpoints for one worker. */
  extraEnv?: Partial<Record<ConveyorApp, Record<string, string>>>;
  /** Per-app extra Node.js flags for the app's process (not its migrations), e.g. `--cpu-prof`. */
  nodeArgs?: Partial<Record<ConveyorApp, string[]>>;
  onLine?: (app: ConveyorApp, line: string) => void;
  /** Where the built apps are (a directory holding `dist/`); default: this repository. */
  root?: string;
  /** Readable log lines (pino-pretty) rather than JSON; unset: the apps' own default. */
  prettyLogs?: boolean;
  /** Default `development`; `production` as a deployment runs them. */
  nodeEnv?: 'development' | 'production';
  /** DATABASE_SSL; unset, the apps' default (`verify-full` in production, else `disable`). */
  databaseSsl?: 'disable' | 'require' | 'verify-full';
  /** Base URL of an OTLP/HTTP receiver (TraceReceiver): every app exports its spans there. */
  tracesReceiverUrl?: string;
  /**
   * The keyrings of personal data in messages (`kid:base64key,…`), each handed only to the apps
   * of its audience. Unset: none, and outside production the apps use the development keyrings.
   */
  personalDataKeys?: { shipping?: string; payment?: string };
  /**
   * Restart an app that exits unexpectedly, with backoff (`npm start`, the chaos run); a
   * deliberate stop() or restart() never triggers it. Unset: a crashed app stays down. An app
   * whose /health/live answered has come up, so the next restart waits only the first delay:
   * the backoff doubles only for processes that die before coming up.
   */
  supervise?: boolean | RestartBackoffOptions;
  onRestart?: (event: RestartEvent) => void;
  /** An app exited without being stopped or crashed on purpose (with its last lines). */
  onUnexpectedExit?: (event: UnexpectedExit) => void;
}

/** Which keyrings each app holds: the producer of both fields, and the one reader of each. */
const PERSONAL_DATA_AUDIENCES: Record<ConveyorApp, readonly ('shipping' | 'payment')[]> = {
  'order-api': ['shipping', 'payment'],
  'payment-worker': ['payment'],
  'inventory-worker': [],
  'shipping-worker': ['shipping'],
};

/**
 * The four Conveyor apps as separate processes, wired to one database, one SQS endpoint and one
 * Stripe endpoint: what `npm start` runs and what the end-to-end tests drive.
 */
export class ConveyorStack {
  private readonly services = new Map<ConveyorApp, AppSupervisor>();

  constructor(private readonly options: ConveyorStackOptions) {}

  envFor(app: ConveyorApp): Record<string, string | undefined> {
    const o = this.options;
    return {
      ...inheritedEnvironment(),
      NODE_ENV: o.nodeEnv ?? 'development',
      LOG_LEVEL: o.logLevel ?? 'info',
      ...(o.prettyLogs !== undefined && { LOG_PRETTY: String(o.prettyLogs) }),
      DATABASE_URL: o.databaseUrl,
      // Only when given: `npm start` passes the developer's own DATABASE_SSL through.
      ...(o.databaseSsl && { DATABASE_SSL: o.databaseSsl }),
      SQS_ENDPOINT: o.sqsEndpoint,
      SQS_QUEUE_PREFIX: o.queuePrefix,
      QUEUE_MODE: o.queueMode,
      STRIPE_SECRET_KEY: o.stripeSecretKey,
      STRIPE_API_BASE_URL: o.stripeApiBaseUrl,
      AUTH_JWT_SECRET: o.authJwtSecret,
      HTTP_PORT: String(o.ports[app]),
      // Given above, so an inherited file variable of the same secret would be refused as a
      // second source (`DATABASE_URL_FILE=… npm start` resolves it once, in the stack).
      DATABASE_URL_FILE: undefined,
      STRIPE_SECRET_KEY_FILE: undefined,
      AUTH_JWT_SECRET_FILE: undefined,
      STRIPE_WEBHOOK_SECRET: app === 'order-api' ? o.stripeWebhookSecret : undefined,
      STRIPE_WEBHOOK_SECRET_FILE: undefined,
      ...personalDataEnv(app, o.personalDataKeys),
      // The console reads the queues the order API does not consume from their consumers.
      ...(app === 'order-api' && { CONSOLE_METRICS_URLS: workerMetricsUrls(o.ports) }),
      ...(o.tracesReceiverUrl && tracingEnv(app, o.tracesReceiverUrl)),
      ...o.extraEnv?.[app],
    };
  }

  async migrate(seedFile?: string): Promise<void> {
    for (const app of CONVEYOR_APPS) {
      await runMigrateProcess({
        app,
        env: this.envFor(app),
        root: this.options.root,
        args: seedFile ? ['--seed', seedFile] : [],
        onLine: (line) => this.options.onLine?.(app, line),
      });
    }
  }

  async start(apps: readonly ConveyorApp[] = CONVEYOR_APPS): Promise<void> {
    for (const app of apps) {
      const supervisor = this.supervisor(app);
      this.services.set(app, supervisor);
      supervisor.start();
    }
    try {
      await Promise.all(
        apps.map((app) => waitUntilReady(this.service(app), this.options.ports[app])),
      );
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /**
   * Stops an app (gracefully, or SIGKILL when `crash`) if it runs, then starts it again, with
   * `extraEnv` replacing the app's extra variables (e.g. clearing a failpoint).
   */
  async restart(
    app: ConveyorApp,
    options: { crash?: boolean; extraEnv?: Record<string, string> } = {},
  ) {
    await this.services.get(app)?.stop({ crash: options.crash });
    this.services.delete(app);
    if (options.extraEnv) {
      this.options.extraEnv = { ...this.options.extraEnv, [app]: options.extraEnv };
    }
    await this.start([app]);
  }

  service(app: ConveyorApp): ServiceProcess {
    const supervisor = this.services.get(app);
    if (!supervisor) throw new Error(`${app} is not running`);
    return supervisor.current;
  }

  /**
   * SIGKILL the app's running process as a crash would, leaving it to supervision; returns the
   * killed pid, or undefined when no process was alive (e.g. a restart is waiting its delay).
   */
  crash(app: ConveyorApp): Promise<number | undefined> {
    return this.services.get(app)?.crash() ?? Promise.resolve(undefined);
  }

  /** Restarts supervision made for the app since it was started. */
  restarts(app: ConveyorApp): number {
    return this.services.get(app)?.restarts ?? 0;
  }

  /** Supervised only: the app's running process answered /health/live since it started. */
  up(app: ConveyorApp): boolean {
    return this.services.get(app)?.up ?? false;
  }

  /** How long each unexpected exit kept the app down, until its next process was live. */
  downtimesMs(app: ConveyorApp): number[] {
    return this.services.get(app)?.downtimesMs ?? [];
  }

  /** Graceful stop of every app (SIGTERM, drain), in parallel; supervision lets them go. */
  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((supervisor) => supervisor.stop()));
    this.services.clear();
  }

  private supervisor(app: ConveyorApp): AppSupervisor {
    const supervise = this.options.supervise;
    return new AppSupervisor({
      app,
      restart: supervise ? (supervise === true ? {} : supervise) : false,
      probe: supervise ? () => answersLive(this.options.ports[app]) : undefined,
      onRestart: this.options.onRestart,
      onUnexpectedExit: this.options.onUnexpectedExit,
      spawn: () =>
        startServiceProcess({
          app,
          env: this.envFor(app),
          nodeArgs: this.options.nodeArgs?.[app],
          root: this.options.root,
          onLine: (line) => this.options.onLine?.(app, line),
        }),
    });
  }
}

/**
 * The app's keyring variables, and none of another audience's: an inherited variable is cleared,
 * so no app holds a key it does not need, whatever the parent's environment holds.
 */
function personalDataEnv(
  app: ConveyorApp,
  keys: ConveyorStackOptions['personalDataKeys'] = {},
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const audience of ['shipping', 'payment'] as const) {
    const variable = `PII_KEYS_${audience.toUpperCase()}`;
    env[variable] = PERSONAL_DATA_AUDIENCES[app].includes(audience) ? keys[audience] : undefined;
    env[`${variable}_FILE`] = undefined;
  }
  return env;
}

/** The workers' /metrics, which the order API's operations console reads. */
function workerMetricsUrls(ports: Record<ConveyorApp, number>): string {
  return CONVEYOR_APPS.filter((app) => app !== 'order-api')
    .map((app) => `http://127.0.0.1:${ports[app]}/metrics`)
    .join(',');
}

/** Spans in OTLP/HTTP JSON to the receiver, exported within half a second of ending. */
function tracingEnv(app: ConveyorApp, receiverUrl: string): Record<string, string> {
  return {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '500',
    // The order-api console reads an order's trace back from the same receiver.
    ...(app === 'order-api' && { TRACES_QUERY_URL: receiverUrl }),
  };
}
