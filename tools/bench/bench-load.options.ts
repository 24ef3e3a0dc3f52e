import type { LoadPhase } from '../loadtest/load-report.types';
import type { LoadTestOptions } from '../loadtest/load-test.runner';
import { BENCH_PRODUCTS } from './bench.catalog';
import type { BenchEnvironment } from './bench.environment';
import { BENCH_JWT_SECRET } from './conveyor.variant';

export interface BenchLoad {
  baseUrl: string;
  /** The queue prefix the stack was started with. */
  prefix: string;
  profile: string;
  phases: LoadPhase[];
  drainTimeoutSeconds: number;
}

/**
 * The load kit against the benchmark's own stack (the spike figure, the profiler): its customers
 * and products, no declines, standard queues.
 */
export function benchLoadOptions(env: BenchEnvironment, load: BenchLoad): LoadTestOptions {
  const { prefix, ...run } = load;
  return {
    ...run,
    jwtSecret: BENCH_JWT_SECRET,
    queues: {
      endpoint: env.sqsEmulator.endpoint,
      region: 'us-east-1',
      prefix,
      mode: 'standard',
    },
    customers: 200,
    declineShare: 0,
    skus: BENCH_PRODUCTS.map((product) => product.sku),
    // Following completions reads the order API's list; at the load kit's default (8 pages of
    // 100 orders a second) that is more work for the API than the orders' own requests.
    observerPagesPerSecond: 2,
  };
}
