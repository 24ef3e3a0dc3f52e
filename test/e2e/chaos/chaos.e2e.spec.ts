import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inheritedEnvironment } from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import type { ChaosReport } from '../../../tools/chaos/chaos-report.types';
import { FAULT_KINDS } from '../../../tools/chaos/chaos.schedule';
import { testEnvironment } from '../../support/test-context';

jest.setTimeout(900_000);

/**
 * `npm run chaos`, short: 160 s at 6 orders/s with a kill every 3 s (≥ 20 kills, ≥ 300 orders), a
 * fault on every second kill moment, so a round of every kind fits (PostgreSQL and SQS in four
 * modes each, four Stripe faults). The auditor's verdict over the accepted orders must be that
 * every invariant holds.
 */
describe('npm run chaos (short run)', () => {
  const env = testEnvironment();
  let outDir: string;
  let run: { code: number | null; output: string };
  let report: ChaosReport;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'conveyor-chaos-'));
    run = await runChaos([
      ...['--duration', '160', '--rate', '6', '--kill-every', '3', '--seed', '20261205'],
      ...['--fault-every', '2', '--max-fault', '3', '--settle-timeout', '300'],
      ...['--reports-dir', outDir],
    ]);
    const json = readdirSync(outDir).find((file) => file.endsWith('.json'));
    if (json) report = JSON.parse(readFileSync(path.join(outDir, json), 'utf8')) as ChaosReport;
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('exits 0 with every invariant holding after the system settled', () => {
    expect({ code: run.code, tail: run.output.slice(-3000) }).toMatchObject({ code: 0 });
    expect(report.settle.settled).toBe(true);
    expect(report.auditExitCode).toBe(0);
    expect(report.invariants.map((result) => result.id)).toEqual([
      'I1',
      'I2',
      'I3',
      'I4',
      'I5',
      'I6',
      'I7',
      'I8',
    ]);
    expect(report.invariants.filter((result) => !result.holds)).toEqual([]);
    expect(report.orders.notTerminal).toBe(0);
    expect(report.settle.outboxRows).toBe(0);
  });

  it('reached the counts: ≥ 20 kills of every app, ≥ 300 orders, all accepted, each fault kind', () => {
    expect(report.kills.total).toBeGreaterThanOrEqual(20);
    for (const kills of Object.values(report.kills.byApp)) expect(kills).toBeGreaterThan(0);
    expect(report.orders.accepted).toBeGreaterThanOrEqual(300);
    // Restarts after a kill wait only the first delay and the client retries with the same key
    // until accepted: every order offered is accepted, none skipped or given up.
    expect(report.orders).toMatchObject({ accepted: report.orders.offered, gaveUp: 0 });
    const injected = [...Object.keys(report.outages), ...Object.keys(report.stripeFaults)];
    expect(injected.sort()).toEqual(
      FAULT_KINDS.map((kind) =>
        kind.kind === 'outage' ? `${kind.service}:${kind.mode}` : kind.fault,
      ).sort(),
    );
  });

  it('saw every terminal status, and wrote the HTML report beside the JSON', () => {
    for (const status of ['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED']) {
      expect(report.orders.terminalByStatus[status]).toBeGreaterThan(0);
    }
    const html = readdirSync(outDir).find((file) => file.endsWith('.html'));
    expect(readFileSync(path.join(outDir, html!), 'utf8')).toContain('Chaos run');
  });

  /** The compiled entry point (npm test builds first), on the test server, in a database of its own. */
  function runChaos(args: string[]): Promise<{ code: number | null; output: string }> {
    const script = path.join(repoRoot(), 'dist/tools/chaos/chaos.main.js');
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...inheritedEnvironment(), DATABASE_URL: env.CONVEYOR_TEST_ADMIN_DATABASE_URL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  }
});
