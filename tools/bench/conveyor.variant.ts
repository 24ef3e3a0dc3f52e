import type { QueueDirectory, QueueMode } from '@conveyor/messaging';
import { ConveyorStack, CONVEYOR_APPS, freePort, type ConveyorApp } from '@conveyor/dev-stack';
import { BENCH_STRIPE_KEY, type BenchEnvironment } from './bench.environment';

export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-bench';

export interface ProcessTuning {
  consumerConcurrency: number;
  /** The order API's consumer and the bare order-events loop. */
  apiConsumerConcurrency: number;
  poolSize: number;
  logLevel: string;
}

export interface RunningConveyor {
  stack: ConveyorStack;
  apiUrl: string;
  directory: QueueDirectory;
  /** Process ids by app, for the CPU sampler. */
  pids: Record<string, number | undefined>;
  stop(): Promise<void>;
}

/**
 * Conveyor's apps as real processes on their own queues. The rate limit is lifted (the load
 * comes from a handful of customers), and the reconciler never re-sends: the API figure leaves
 * orders PENDING on purpose, and a re-send would add messages no order needs.
 */
export async function startConveyor(
  env: BenchEnvironment,
  options: {
    prefix: string;
    mode: QueueMode;
    apps: readonly ConveyorApp[];
    tuning: ProcessTuning;
    /** Extra Node.js flags per app (the profiler's `--cpu-prof`); none for the benchmark. */
    nodeArgs?: Partial<Record<ConveyorApp, string[]>>;
  },
): Promise<RunningConveyor> {
  const directory = await env.provisionQueues(options.prefix, options.mode);
  const ports = {} as Record<ConveyorApp, number>;
  for (const app of CONVEYOR_APPS) ports[app] = await freePort();
  const pool = { DATABASE_POOL_SIZE: String(options.tuning.poolSize) };
  const shared = { ...pool, CONSUMER_CONCURRENCY: String(options.tuning.consumerConcurrency) };
  const stack = new ConveyorStack({
    databaseUrl: env.databaseUrl,
    sqsEndpoint: env.sqsEmulator.endpoint,
    stripeSecretKey: BENCH_STRIPE_KEY,
    stripeApiBaseUrl: env.stripe.url,
    queuePrefix: options.prefix,
    queueMode: options.mode,
    authJwtSecret: BENCH_JWT_SECRET,
    ports,
    logLevel: options.tuning.logLevel,
    nodeArgs: options.nodeArgs,
    extraEnv: {
      'order-api': {
        ...pool,
        CONSUMER_CONCURRENCY: String(options.tuning.apiConsumerConcurrency),
        RATE_LIMIT_REQUESTS: '1000000',
        RECONCILER_STUCK_AFTER_SECONDS: '86400',
      },
      'payment-worker': shared,
      'inventory-worker': shared,
      'shipping-worker': shared,
    },
  });
  await stack.start(options.apps);
  return {
    stack,
    apiUrl: `http://127.0.0.1:${ports['order-api']}`,
    directory,
    pids: Object.fromEntries(options.apps.map((app) => [app, stack.service(app).child.pid])),
    stop: () => stack.stop(),
  };
}
