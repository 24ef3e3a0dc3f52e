import { fixtures } from './bench-report.fixtures';
import { floorRows, type FloorInputs } from './floors.figures';

const inputs = (overrides: Partial<FloorInputs> = {}): FloorInputs => ({
  api: [
    fixtures.api('conveyor', 1, 300),
    fixtures.api('bare', 1, 500),
    fixtures.api('conveyor', 2, 320),
    fixtures.api('bare', 2, 480),
  ],
  pipeline: [fixtures.pipeline('conveyor', 1, 60), fixtures.pipeline('bare', 1, 90)],
  apiFloors: [
    fixtures.apiFloor('pgbench', 1, 1900),
    fixtures.apiFloor('pgbench', 2, 2100),
    fixtures.apiFloor('pg-one-round-trip', 1, 1000),
  ],
  sqsFloors: [fixtures.sqsFloor(1, 810)],
  unavailable: {},
  phases: { api: true, pipeline: true },
  ...overrides,
});

describe('floors', () => {
  it('gives each API floor its spread and each variant’s fraction of its median', () => {
    const [pgbench, pg] = floorRows(inputs());
    expect(pgbench).toMatchObject({
      floor: 'pgbench',
      ordersPerSecond: { min: 1900, median: 2000, max: 2100, n: 2 },
      postgresCpuMsPerOrder: { median: 0.2 },
      conveyorFraction: 0.155,
      bareFraction: 0.245,
    });
    expect(pg).toMatchObject({ floor: 'pg-one-round-trip', conveyorFraction: 0.31 });
  });

  it('divides the SQS floor’s calls and the faster database floor by what an order needs', () => {
    const rows = floorRows(inputs());
    const sqs = rows.find((row) => row.floor === 'sqs');
    const database = rows.find((row) => row.floor === 'database-steps');
    expect(sqs?.ordersPerSecond?.median).toBe(300);
    // pgbench (2000/s) is the faster floor; 9.8 statements an order.
    expect(database?.ordersPerSecond?.median).toBeCloseTo(2000 / 9.8, 1);
    expect(database?.note).toContain('pgbench');
  });

  it('measures the pipeline against the lower of the two', () => {
    const pipeline = floorRows(inputs()).find((row) => row.floor === 'pipeline');
    expect(pipeline).toMatchObject({
      ordersPerSecond: { median: 204.1 },
      note: 'the lower of the two: database-steps',
      conveyorFraction: 0.294,
      bareFraction: 0.441,
    });
    const slowQueue = floorRows(inputs({ sqsFloors: [fixtures.sqsFloor(1, 270)] }));
    expect(slowQueue.find((row) => row.floor === 'pipeline')?.note).toContain('sqs');
  });

  it('says why a floor has no rate, and leaves out the phases not run', () => {
    const rows = floorRows(
      inputs({
        apiFloors: [],
        unavailable: { pgbench: 'not available (no pgbench)' },
        phases: { api: true, pipeline: false },
      }),
    );
    expect(rows.map((row) => row.floor)).toEqual(['pgbench', 'pg-one-round-trip']);
    expect(rows[0]).toMatchObject({ note: 'not available (no pgbench)', ordersPerSecond: null });
    expect(rows[0].conveyorFraction).toBeNull();
    expect(rows[1].note).toBe('not measured');
  });
});
