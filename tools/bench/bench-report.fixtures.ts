import type {
  ApiFloorRun,
  ApiRun,
  BenchReport,
  PipelineRun,
  SqsFloorRun,
} from './bench-report.types';
import type { PostgresCost } from './postgres-cost.per-order';

/** Runs with only the fields the figures read set to meaningful values, for the specs. */
export const fixtures = {
  cost(overrides: Partial<PostgresCost> = {}): PostgresCost {
    return {
      orders: 1000,
      transactionsPerOrder: 3,
      statementsPerOrder: null,
      rowsWrittenPerOrder: 6,
      walBytesPerOrder: 4000,
      walScope: 'server',
      cpuMsPerOrder: 1,
      ...overrides,
    };
  },

  api(variant: ApiRun['variant'], repetition: number, rate: number, extra: Partial<ApiRun> = {}) {
    const run: ApiRun = {
      variant,
      repetition,
      acceptedPerSecond: rate,
      statuses: { '202': 100 },
      latencyMs: { p50: 10, p99: 50 },
      paymentRequestsQueued: 100,
      cpu: null,
      cpuMsPerOrder: null,
      postgres: fixtures.cost(),
      accounting: { accepted: 100, accountedFor: 100, missing: 0, missingIds: [] },
      valid: true,
      leftovers: null,
      memory: { [variant === 'conveyor' ? 'order-api' : 'bare-api']: { peakMB: 180, endMB: 170 } },
      ...extra,
    };
    return run;
  },

  pipeline(variant: PipelineRun['variant'], repetition: number, rate: number) {
    const run: PipelineRun = {
      variant,
      repetition,
      ordersPerSecond: rate,
      shippedInWindow: rate * 10,
      sqs: { calls: {}, entries: {}, received: { messages: 0, empty: 0 } },
      sqsCallsPerOrder: 3,
      cpu: null,
      cpuMsPerOrder: null,
      postgres: fixtures.cost({ transactionsPerOrder: 11 }),
      accounting: { accepted: 100, accountedFor: 100, missing: 0, missingIds: [] },
      valid: true,
      leftovers: null,
      memory: { 'payment-worker': { peakMB: 230, endMB: 210 } },
    };
    return run;
  },

  apiFloor(floor: ApiFloorRun['floor'], repetition: number, rate: number): ApiFloorRun {
    return {
      floor,
      repetition,
      clients: 32,
      transactionsPerSecond: rate,
      cpu: null,
      postgres: fixtures.cost({
        transactionsPerOrder: 1,
        rowsWrittenPerOrder: 5,
        cpuMsPerOrder: 0.2,
      }),
      memory: null,
    };
  },

  sqsFloor(repetition: number, callsPerSecond: number): SqsFloorRun {
    return {
      repetition,
      loops: 4,
      callsPerSecond,
      messagesPerSecond: (callsPerSecond / 3) * 10,
      receiveBatch: 10,
      ordersPerSecond: callsPerSecond / 2.7,
      cpu: null,
    };
  },

  /** A report as the builder makes it, around the given runs. */
  report(overrides: Partial<BenchReport>): BenchReport {
    return {
      version: 2,
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: '2026-12-01T10:20:00.000Z',
      command: 'npm run bench -- --repetitions 2',
      settings: {},
      machine: {
        cpus: 2,
        cpuModel: 'Test CPU',
        memoryGiB: 8,
        node: 'v24.0.0',
        platform: 'linux x64',
        loadAverageAtStart: [0.3, 0.4, 0.5],
        loadAverageAtEnd: [2, 1, 0.5],
        quiet: {
          loadAverage1: 0.3,
          loadAverage5: 0.4,
          perCore1: 0.15,
          perCore5: 0.2,
          thresholdPerCore: 0.5,
          quiet: true,
        },
      },
      backingServices: {
        postgres: 'test server',
        sqs: 'fauxqs',
        stripe: 'emulator',
        statements: 'not counted',
        pgbench: '/usr/lib/postgresql/15/bin/pgbench',
      },
      order: {
        scheme: 'ABBA',
        api: [
          ['conveyor', 'bare'],
          ['bare', 'conveyor'],
        ],
        pipeline: [],
      },
      figures: {},
      api: [],
      pipeline: [],
      floors: { api: [], sqs: [], rows: [] },
      sqsCalls: null,
      spike: [],
      accounting: { allAccountedFor: true, accepted: 0, missing: 0 },
      warnings: [],
      ...overrides,
    };
  },
};
