import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { BenchEnvironment } from './bench.environment';
import { FLOOR_SLOTS, floorOrderParameterSql, typicalFloorOrder } from './floor-order.sql';
import { bothSettled, type WindowMeasures } from './window.meter';

const JSON_SLOTS = new Set(['shippingAddress', 'timeline', 'items', 'responseBody', 'envelope']);

export interface PgFloorResult {
  transactionsPerSecond: number;
  /** Every transaction of the run, warm-up included. */
  transactions: number;
  measures: WindowMeasures;
}

/**
 * The least a Node.js service can ask of PostgreSQL per order: `clients` connections, each
 * sending the next order's rows as soon as the last committed, as one prepared statement, so
 * one round trip and one transaction per order. Only the ids change from order to order.
 */
export async function runPgOneRoundTrip(
  env: BenchEnvironment,
  options: { clients: number; warmupSeconds: number; durationSeconds: number },
): Promise<PgFloorResult> {
  const pool = new Pool({
    connectionString: env.databaseUrl,
    max: options.clients,
    application_name: 'bench-floor',
  });
  pool.on('error', () => undefined);
  const text = floorOrderParameterSql();
  const meter = env.meter({});
  const started = performance.now();
  const windowStart = started + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.durationSeconds * 1000;
  let committed = 0;
  let all = 0;
  const client = async (index: number) => {
    const template = parameters(`floor-pg-${index}`);
    while (performance.now() < windowEnd) {
      await pool.query({ name: 'floor-order', text, values: template() });
      all += 1;
      const now = performance.now();
      if (now >= windowStart && now <= windowEnd) committed += 1;
    }
  };
  const window = new Promise((resolve) => setTimeout(resolve, options.warmupSeconds * 1000))
    .then(() => meter.start())
    .then(() => new Promise((resolve) => setTimeout(resolve, options.durationSeconds * 1000)))
    .then(() => meter.stop());
  try {
    const load = Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
    const measures = await bothSettled(load, window);
    const perSecond = committed / options.durationSeconds;
    return { transactionsPerSecond: perSecond, transactions: all, measures };
  } finally {
    await pool.end();
  }
}

/** The statement's values for one client: serialised once, with fresh ids for every order. */
function parameters(customerId: string): () => unknown[] {
  const order = typicalFloorOrder(customerId);
  const fixed = FLOOR_SLOTS.map((slot) =>
    JSON_SLOTS.has(slot) ? JSON.stringify(order[slot]) : order[slot],
  );
  const fresh = ['orderId', 'key', 'outboxId'].map((slot) =>
    FLOOR_SLOTS.indexOf(slot as (typeof FLOOR_SLOTS)[number]),
  );
  return () => {
    const values = [...fixed];
    for (const index of fresh) values[index] = randomUUID();
    return values;
  };
}
