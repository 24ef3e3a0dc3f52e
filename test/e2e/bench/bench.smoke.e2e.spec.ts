import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { inheritedEnvironment } from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import { testEnvironment } from '../../support/test-context';

jest.setTimeout(600_000);

const accounting = z.object({
  accepted: z.number().int().positive(),
  accountedFor: z.number().int(),
  missing: z.literal(0),
  missingIds: z.array(z.string()).length(0),
});
const figure = z.object({
  conveyor: z.number(),
  baseline: z.number().nullable(),
  ratio: z.number().nullable(),
  goal: z.string().min(1),
  met: z.boolean().nullable(),
});
/** Answers by HTTP status: refusals may occur, server errors (5xx, or `0`: no answer) may not. */
const statuses = z.record(z.string().regex(/^[1-4]\d\d$/), z.number().int().positive());
const positive = z.number().positive();
const spread = z.object({ min: positive, median: positive, max: positive, n: z.number().int() });
/** PostgreSQL's own counts per order: present and above zero (statements only with pg_stat_statements). */
const postgresCost = z.object({
  orders: z.number().int().positive(),
  transactionsPerOrder: positive,
  statementsPerOrder: positive.nullable(),
  rowsWrittenPerOrder: positive,
  walBytesPerOrder: positive,
  walScope: z.enum(['database', 'server']),
  cpuMsPerOrder: positive,
});
/** Resident memory of every process sampled in the window. */
const memory = z
  .record(z.string(), z.object({ peakMB: positive, endMB: positive }))
  .refine((use) => Object.keys(use).length > 0, 'no process sampled');
/** Drained before the next repetition. */
const measured = { valid: z.literal(true), leftovers: z.null(), memory };
const callCounts = z.object({
  calls: z.record(z.string(), z.number().int().nonnegative()),
  entries: z.record(z.string(), z.number().int().nonnegative()),
  received: z.object({ messages: z.number().int(), empty: z.number().int() }),
});

/** What a well-formed report holds after a run of every phase: no field may be missing or NaN. */
const benchReportSchema = z.object({
  version: z.literal(2),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  command: z.string().startsWith('npm run bench'),
  machine: z.object({
    cpus: z.number().int().positive(),
    cpuModel: z.string(),
    memoryGiB: z.number().positive(),
    node: z.string().startsWith('v'),
    loadAverageAtStart: z.array(z.number()).length(3),
    quiet: z.object({
      perCore1: z.number().nonnegative(),
      perCore5: z.number().nonnegative(),
      thresholdPerCore: positive,
      quiet: z.boolean(),
    }),
  }),
  backingServices: z.object({
    postgres: z.string(),
    sqs: z.string(),
    stripe: z.string(),
    statements: z.string(),
    pgbench: z.string(),
  }),
  order: z.object({
    scheme: z.literal('ABBA'),
    api: z.array(z.array(z.string()).min(3)).length(1),
    pipeline: z.array(z.array(z.string()).length(4)).length(1),
  }),
  figures: z.object({
    api: figure,
    // pgbench's figures are there when pgbench is (see floorsOf below).
    apiVsPgbench: figure.optional(),
    apiPostgresCpu: figure.optional(),
    apiVsPgOneRoundTrip: figure,
    pipeline: figure,
    pipelineVsFloor: figure,
    sqsCallsPerOrder: figure,
    fifoVersusStandard: figure,
    spikeP99: figure,
    spikeDrainSeconds: figure,
    // A quick spike may leave no backlog to drain, so no drain rate.
    spikeDrainRate: figure.optional(),
    apiCpuPerOrder: figure,
    pipelineCpuPerOrder: figure,
    quietEndToEndP50: figure,
    quietEndToEndP99: figure,
    residentPeakMB: figure,
  }),
  api: z
    .array(
      z.object({
        variant: z.enum(['conveyor', 'bare']),
        acceptedPerSecond: z.number().nonnegative(),
        statuses,
        paymentRequestsQueued: z.number().int().positive(),
        postgres: postgresCost,
        accounting,
        ...measured,
      }),
    )
    .length(2),
  pipeline: z
    .array(
      z.object({
        variant: z.enum(['conveyor', 'bare', 'conveyor-fifo']),
        ordersPerSecond: z.number().nonnegative(),
        sqs: callCounts,
        postgres: postgresCost,
        accounting,
        ...measured,
      }),
    )
    .length(3),
  floors: z.object({
    api: z.array(
      z.object({
        floor: z.enum(['pgbench', 'pg-one-round-trip']),
        transactionsPerSecond: positive,
        postgres: postgresCost,
      }),
    ),
    sqs: z
      .array(
        z.object({
          callsPerSecond: positive,
          messagesPerSecond: positive,
          ordersPerSecond: positive,
        }),
      )
      .length(1),
    rows: z.array(
      z.object({
        floor: z.enum(['pgbench', 'pg-one-round-trip', 'sqs', 'database-steps', 'pipeline']),
        note: z.string().min(1),
        ordersPerSecond: spread.nullable(),
        conveyorFraction: positive.nullable(),
        bareFraction: positive.nullable(),
      }),
    ),
  }),
  sqsCalls: z.object({ perOrder: z.number(), minimumPerOrder: z.literal(2.7) }),
  spike: z
    .array(
      z.object({
        baselineP99Ms: z.number().positive(),
        spikeP99Ms: z.number().positive(),
        // The spike promises no 5xx: its figure's goal is "≤ 3, no 5xx".
        serverErrors: z.literal(0),
        statuses,
        drainSeconds: z.number().nonnegative().nullable(),
        accounting,
        ...measured,
      }),
    )
    .length(1),
  accounting: z.object({ allAccountedFor: z.literal(true), missing: z.literal(0) }),
});

describe('npm run bench -- --quick (the benchmark, briefly, at a low rate)', () => {
  const env = testEnvironment();
  let outDir: string;
  let run: { code: number | null; output: string };

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'conveyor-bench-smoke-'));
    run = await runBench([
      '--quick',
      '--reports-dir',
      path.join(outDir, 'reports'),
      '--doc',
      path.join(outDir, 'performance.md'),
    ]);
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('finishes with exit code 0 and prints the figures table', () => {
    expect({ code: run.code, tail: run.output.slice(-3000) }).toMatchObject({ code: 0 });
    expect(run.output).toContain('| Figure | Conveyor | Bare baseline | Ratio | Goal | Met |');
  });

  it('writes one well-formed reports/bench-<timestamp>.json in which every accepted order is accounted for', () => {
    const files = readdirSync(path.join(outDir, 'reports'));
    expect(files).toEqual([expect.stringMatching(/^bench-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/)]);
    const report: unknown = JSON.parse(
      readFileSync(path.join(outDir, 'reports', files[0]), 'utf8'),
    );
    const parsed = benchReportSchema.safeParse(report);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const runs = parsed.data!;
    for (const apiRun of runs.api) {
      expect(apiRun.paymentRequestsQueued).toBeGreaterThanOrEqual(apiRun.accounting.accepted);
    }
    for (const pipelineRun of runs.pipeline) {
      expect(pipelineRun.sqs.calls.SendMessageBatch).toBeGreaterThan(0);
    }
  });

  it('measures every floor that can run here, and each variant’s fraction of it', () => {
    const report = benchReportSchema.parse(readReport());
    const hasPgbench = report.backingServices.pgbench.startsWith('/');
    const expected = hasPgbench ? ['pg-one-round-trip', 'pgbench'] : ['pg-one-round-trip'];
    expect(report.floors.api.map((run) => run.floor).sort()).toEqual(expected);
    if (hasPgbench) {
      expect(report.figures.apiVsPgbench?.ratio).toBeGreaterThan(0);
      expect(report.figures.apiPostgresCpu?.ratio).toBeGreaterThan(0);
    }
    const rows = Object.fromEntries(report.floors.rows.map((row) => [row.floor, row]));
    for (const floor of [...expected, 'sqs', 'database-steps', 'pipeline']) {
      expect({ floor, rate: rows[floor]?.ordersPerSecond?.median }).toEqual({
        floor,
        rate: expect.any(Number),
      });
      expect(rows[floor].conveyorFraction).toBeGreaterThan(0);
      expect(rows[floor].bareFraction).toBeGreaterThan(0);
    }
    expect(report.figures.pipelineVsFloor.ratio).toBeGreaterThan(0);
  });

  it('writes the performance document: the table, the machine and the backing services', () => {
    const doc = readFileSync(path.join(outDir, 'performance.md'), 'utf8');
    expect(doc).toContain('<!-- bench:results:start -->');
    expect(doc).toContain('<!-- bench:results:end -->');
    expect(doc).toMatch(/- Machine: \d+ cores .* GiB memory, Node v\d+/);
    expect(doc).toContain('fauxqs 2.4.1, in memory');
    // Prettier pads the table's cells.
    expect(doc).toMatch(/\| 2\. Pipeline: orders per second to `SHIPPED` +\| +[\d.]+ \|/);
    expect(doc).toMatch(
      /- Quiet-machine check at start: [\d.]+ \(1 min\) and [\d.]+ \(5 min\) per core/,
    );
    expect(doc).toContain('- Order of the variants: ABBA (API #1: ');
    for (const heading of ['Floors', 'PostgreSQL per order', 'Resident memory under load']) {
      expect(doc).toContain(`### ${heading}\n`);
    }
  });

  function readReport(): unknown {
    const dir = path.join(outDir, 'reports');
    return JSON.parse(readFileSync(path.join(dir, readdirSync(dir)[0]), 'utf8'));
  }

  /** The compiled entry point (npm test builds first), on the test server, in a database of its own. */
  function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
    const script = path.join(repoRoot(), 'dist/tools/bench/bench.main.js');
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
