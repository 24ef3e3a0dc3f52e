import { buildLoadReport, type ReportInput } from './load-report.summary';
import type { LoadSample } from './load-report.types';
import { SecondWindowRecorder } from './second-window.recorder';

const ORIGIN = Date.parse('2030-01-01T00:00:00.000Z');

function sample(t: number): LoadSample {
  return {
    t,
    at: new Date(ORIGIN + t * 1000).toISOString(),
    phase: 'steady',
    targetRate: 1,
    offered: 1,
    accepted: 1,
    statusCounts: { 202: 1 },
    apiLatencyMs: null,
    queues: null,
    dlqs: null,
    backlog: 0,
    completed: 0,
    endToEndMs: null,
  };
}

function input(orders: ReportInput['orders']): ReportInput {
  return {
    head: {
      profile: 'steady',
      startedAt: new Date(ORIGIN).toISOString(),
      target: { baseUrl: 'http://api', sqsEndpoint: null, queuePrefix: '', queueMode: 'standard' },
      settings: {
        phases: [],
        customers: 1,
        declineShare: 0,
        skus: ['A'],
        connections: 1,
        maxInFlight: 1,
        drainTimeoutSeconds: 1,
        seed: 1,
      },
    },
    samples: [sample(1), sample(2), sample(3)],
    processes: [],
    originWallMs: ORIGIN,
    recorder: new SecondWindowRecorder(),
    orders,
    depths: { initial: null, final: null },
    drainSeconds: 1.5,
    observerErrors: 0,
    warnings: [],
  };
}

describe('load report', () => {
  it('counts completions and end-to-end latency in the second the server recorded them', () => {
    const report = buildLoadReport(
      input([
        { id: 'a', createdAtMs: ORIGIN + 100, status: 'SHIPPED', terminalAtMs: ORIGIN + 1600 },
        {
          id: 'b',
          createdAtMs: ORIGIN + 200,
          status: 'PAYMENT_FAILED',
          terminalAtMs: ORIGIN + 900,
        },
        { id: 'c', createdAtMs: ORIGIN + 300, status: 'SHIPPED', terminalAtMs: ORIGIN + 60_000 },
      ]),
    );
    expect(report.samples.map((s) => s.completed)).toEqual([1, 1, 1]);
    expect(report.samples[1].endToEndMs).toEqual({ p50: 1500, p95: 1500, p99: 1500, max: 1500 });
    expect(report.summary.endToEndMs?.max).toBe(59_700);
    expect(report.accounting).toMatchObject({
      accepted: 3,
      terminal: 3,
      allAccountedFor: true,
      byStatus: { SHIPPED: 2, PAYMENT_FAILED: 1 },
    });
  });

  it('lists the orders that did not reach a terminal status', () => {
    const report = buildLoadReport(
      input([
        { id: 'done', createdAtMs: ORIGIN, status: 'SHIPPED', terminalAtMs: ORIGIN + 500 },
        { id: 'moving', createdAtMs: ORIGIN, status: 'PAYMENT_AUTHORIZED' },
        { id: 'gone', createdAtMs: ORIGIN, status: 'PENDING', missing: true },
      ]),
    );
    expect(report.accounting).toMatchObject({
      accepted: 3,
      terminal: 1,
      inProgress: 1,
      missing: 1,
      allAccountedFor: false,
    });
    expect(report.accounting.unaccountedIds).toEqual(['moving', 'gone']);
  });
});
