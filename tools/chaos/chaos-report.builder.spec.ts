import { buildChaosReport, type ChaosRunFacts } from './chaos-report.builder';
import { renderChaosHtml } from './chaos-html.renderer';

const zero = { 'order-api': 0, 'payment-worker': 0, 'inventory-worker': 0, 'shipping-worker': 0 };

function facts(overrides: Partial<ChaosRunFacts> = {}): ChaosRunFacts {
  return {
    command: 'npm run chaos',
    startedAt: '2026-12-05T15:00:00.000Z',
    finishedAt: '2026-12-05T15:20:00.000Z',
    settings: {
      durationSeconds: 900,
      ratePerSecond: 6,
      killEverySeconds: 4,
      faultEveryKills: 3,
      maxFaultSeconds: 5,
      settleTimeoutSeconds: 600,
      seed: 1,
    },
    database: 'embedded',
    kills: [
      { atSeconds: 1, app: 'order-api', relayMidPublish: false },
      { atSeconds: 5, app: 'payment-worker', relayMidPublish: true },
      { atSeconds: 9, app: 'payment-worker', relayMidPublish: false },
    ],
    relayKillsAimed: 2,
    restartsByApp: { ...zero, 'order-api': 1, 'payment-worker': 2 },
    downtimesMsByApp: {
      'order-api': [1_240],
      'payment-worker': [900, 2_160],
      'inventory-worker': [],
      'shipping-worker': [],
    },
    faults: [
      { atSeconds: 1, target: 'postgres', kind: 'blackhole', seconds: 2.5 },
      { atSeconds: 13, target: 'postgres', kind: 'blackhole', seconds: 1.5 },
      { atSeconds: 25, target: 'sqs', kind: 'cut', seconds: 3 },
      { atSeconds: 37, target: 'stripe', kind: 'drop-after-charge', seconds: 2 },
    ],
    load: {
      offered: 125,
      accepted: 118,
      skipped: 5,
      gaveUp: 2,
      answers: { '202': 118, '503': 2 },
      transportErrors: {},
      clientRetries: 5,
      retriedOn: { '503 SERVICE.UNAVAILABLE': 3, 'error:ECONNREFUSED': 2 },
      cancellations: { asked: 10, accepted: 7, refused: 3, failed: 0 },
    },
    settle: {
      settled: true,
      seconds: 12.5,
      final: {
        byStatus: { SHIPPED: 90, PAYMENT_FAILED: 12, OUT_OF_STOCK: 9, CANCELLED: 7 },
        notTerminal: 0,
        outboxRows: 0,
        queued: 0,
        deadLettered: 0,
      },
      deadLettered: 4,
      redriven: 4,
      redriveRounds: 1,
    },
    duplicatesByApp: { ...zero, 'inventory-worker': 3, 'shipping-worker': 2 },
    invariants: [
      { id: 'I1', title: 'nothing lost', holds: true, details: [] },
      { id: 'I3', title: 'no double charge', holds: true, details: [] },
    ],
    auditExitCode: 0,
    warnings: [],
    ...overrides,
  };
}

describe('buildChaosReport', () => {
  it('counts kills by app and the relay kills that caught a publish', () => {
    const report = buildChaosReport(facts());

    expect(report.kills.total).toBe(3);
    expect(report.kills.byApp).toEqual({ ...zero, 'order-api': 1, 'payment-worker': 2 });
    expect(report.kills.relayMidPublish).toEqual({ aimed: 2, caught: 1 });
  });

  it('gives how long the kills kept each app down, from exit to live again', () => {
    const report = buildChaosReport(facts());

    expect(report.kills.downByApp).toEqual({
      'order-api': { count: 1, totalSeconds: 1.2, longestSeconds: 1.2 },
      'payment-worker': { count: 2, totalSeconds: 3.1, longestSeconds: 2.2 },
      'inventory-worker': { count: 0, totalSeconds: 0, longestSeconds: 0 },
      'shipping-worker': { count: 0, totalSeconds: 0, longestSeconds: 0 },
    });
  });

  it('tells offered orders from accepted ones, with what was skipped, given up and retried', () => {
    const { orders } = buildChaosReport(facts());

    expect(orders).toMatchObject({ offered: 125, accepted: 118, skipped: 5, gaveUp: 2 });
    expect(orders.retriedOn).toEqual({ '503 SERVICE.UNAVAILABLE': 3, 'error:ECONNREFUSED': 2 });
  });

  it('groups outages by service and mode with their lengths, and Stripe faults apart', () => {
    const report = buildChaosReport(facts());

    expect(report.outages).toEqual({
      'postgres:blackhole': {
        count: 2,
        totalSeconds: 4,
        shortestSeconds: 1.5,
        longestSeconds: 2.5,
      },
      'sqs:cut': { count: 1, totalSeconds: 3, shortestSeconds: 3, longestSeconds: 3 },
    });
    expect(Object.keys(report.stripeFaults)).toEqual(['drop-after-charge']);
  });

  it('reports orders by terminal status, dead letters, redrives and duplicates', () => {
    const report = buildChaosReport(facts());

    expect(report.orders.terminalByStatus).toEqual({
      SHIPPED: 90,
      PAYMENT_FAILED: 12,
      OUT_OF_STOCK: 9,
      CANCELLED: 7,
    });
    expect(report.deadLettered).toBe(4);
    expect(report.redriven).toBe(4);
    expect(report.duplicatesSkipped.total).toBe(5);
    expect(report.exitCode).toBe(0);
  });

  it('fails the run when an invariant is violated, the auditor could not tell, or it never settled', () => {
    const violated = facts({
      invariants: [{ id: 'I3', title: 'no double charge', holds: false, details: ['order x'] }],
      auditExitCode: 1,
    });
    const unsettled = facts({ settle: { ...facts().settle, settled: false, seconds: null } });

    expect(buildChaosReport(violated).exitCode).toBe(1);
    expect(buildChaosReport(facts({ invariants: [], auditExitCode: 2 })).exitCode).toBe(1);
    expect(buildChaosReport(unsettled).exitCode).toBe(1);
  });

  it('renders every invariant and figure into the HTML page, escaped', () => {
    const html = renderChaosHtml(
      buildChaosReport(
        facts({ invariants: [{ id: 'I1', title: 'a <b> c', holds: false, details: ['x & y'] }] }),
      ),
    );

    expect(html).toContain('a &lt;b&gt; c');
    expect(html).toContain('x &amp; y');
    expect(html).toContain('postgres:blackhole');
    expect(html).toContain('503 SERVICE.UNAVAILABLE');
    expect(html).toMatch(/skipped[^<]*<\/td><td class="n">5</);
    expect(html).toContain('FAILED');
  });
});
