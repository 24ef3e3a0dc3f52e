import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtures } from './bench-report.fixtures';
import { renderCostTable } from './bench-table.renderer';
import { floorRows } from './floors.figures';
import {
  RESULTS_END,
  RESULTS_START,
  resultSections,
  updatePerformanceDoc,
} from './performance-doc.writer';

function sampleReport() {
  const api = [fixtures.api('conveyor', 1, 300), fixtures.api('bare', 1, 500)];
  const pipeline = [fixtures.pipeline('conveyor', 1, 60), fixtures.pipeline('bare', 1, 90)];
  const apiFloors = [fixtures.apiFloor('pgbench', 1, 2000)];
  const sqs = [fixtures.sqsFloor(1, 810)];
  const rows = floorRows({
    api,
    pipeline,
    apiFloors,
    sqsFloors: sqs,
    unavailable: {},
    phases: { api: true, pipeline: true },
  });
  return fixtures.report({ api, pipeline, floors: { api: apiFloors, sqs, rows } });
}

describe('performance document', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'conveyor-perf-doc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the floors, PostgreSQL per order and resident memory, each under its heading', () => {
    const sections = resultSections(sampleReport()).join('\n');
    expect(sections).toContain('### Floors');
    expect(sections).toMatch(/\| API: pgbench, custom script \| 2000 \| 0\.2 \| 0\.15 \| 0\.25 \|/);
    expect(sections).toContain('| **pipeline: the lower of the two** |');
    expect(sections).toContain('### PostgreSQL per order');
    expect(sections).toMatch(/\| API \| conveyor \| 3 \| — \| 6 \| 4000 \| 1 \|/);
    expect(sections).toMatch(/\| API floor \| pgbench \| 1 \| — \| 5 \|/);
    expect(sections).toContain("WAL is the server's WAL position");
    expect(sections).toContain('### Resident memory under load');
    expect(sections).toMatch(
      /\| pipeline \| conveyor \| payment-worker \| 230 \| 210 \| \*\*yes\*\* \|/,
    );
    expect(sections).toMatch(/\| API \| bare \| bare-api \| 180 \| 170 \| no \|/);
  });

  it('prints a median of two repetitions without floating-point noise', () => {
    const report = sampleReport();
    report.pipeline = [
      { ...fixtures.pipeline('conveyor', 1, 60), cpuMsPerOrder: 23.2 },
      { ...fixtures.pipeline('conveyor', 2, 60), cpuMsPerOrder: 33.2 },
    ];
    expect(renderCostTable(report)).toContain('| 28.2 (23.2–33.2) |');
  });

  it('leaves a section out when nothing of it was measured', () => {
    const sections = resultSections(fixtures.report({})).join('\n');
    expect(sections).not.toContain('### Floors');
    expect(sections).not.toContain('### Resident memory under load');
  });

  it('replaces only the generated part, with the quiet check and the order of the variants', async () => {
    const doc = path.join(dir, 'performance.md');
    const prose = '# Performance\n\nWritten by people.\n\n';
    writeFileSync(
      doc,
      `${prose}${RESULTS_START}\nold figures\n${RESULTS_END}\n\n## After\n\nMore prose.\n`,
    );
    await updatePerformanceDoc(doc, sampleReport(), path.join(dir, 'reports', 'bench-1.json'));
    const written = readFileSync(doc, 'utf8');
    expect(written.startsWith(prose)).toBe(true);
    expect(written).toContain('## After\n\nMore prose.');
    expect(written).not.toContain('old figures');
    expect(written).toContain(
      '- Quiet-machine check at start: 0.15 (1 min) and 0.2 (5 min) per core: quiet',
    );
    expect(written).toContain(
      '- Order of the variants: ABBA (API #1: conveyor, bare; API #2: bare, conveyor)',
    );
    expect(written).toMatch(/### Floors\n\n\| Floor +\| Orders\/s/);
  });
});
