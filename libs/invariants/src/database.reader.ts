import type { ConnectionOptions } from 'node:tls';
import { Client } from 'pg';
import type { AuditOptions, AuditTarget, OrderScope } from './audit.types';
import type { AuditedOrder, AuditSnapshot, StockRow } from './audit.snapshot';

export const SERVICE_SCHEMAS = ['orders', 'payments', 'inventory', 'shipping'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function connect(target: Pick<AuditTarget, 'databaseUrl' | 'databaseSsl'>): Promise<Client> {
  const client = new Client({
    connectionString: target.databaseUrl,
    // libs/persistence builds server-side-free client options; pg types them as ConnectionOptions.
    ssl: (target.databaseSsl ?? false) as false | ConnectionOptions,
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  return client;
}

type DatabaseRows = Pick<
  AuditSnapshot,
  | 'orders'
  | 'missingOrderIds'
  | 'orphanRows'
  | 'shipments'
  | 'reservations'
  | 'stock'
  | 'outboxBacklog'
>;

/** Reads the scope's orders and every service's rows about them, on one connection. */
export async function readDatabase(
  target: Pick<AuditTarget, 'databaseUrl' | 'databaseSsl'>,
  options: AuditOptions,
): Promise<DatabaseRows> {
  const client = await connect(target);
  try {
    await client.query('SET statement_timeout = 30000');
    const orders = await readOrders(client, options.orders);
    const ids = [...orders.keys()];
    const named = 'ids' in options.orders ? options.orders.ids : [];
    return {
      orders,
      missingOrderIds: named.filter((id) => !orders.has(id)),
      orphanRows: await readOrphans(client),
      shipments: await statusByOrder(client, 'shipping.shipments', ids),
      reservations: await statusByOrder(client, 'inventory.reservations', ids),
      stock: await readStock(
        client,
        options.skus?.map((entry) => entry.sku),
      ),
      outboxBacklog: await readOutboxes(client),
    };
  } finally {
    await client.end();
  }
}

/** Which of `ids` the orders table holds: a PaymentIntent naming any other id was invented. */
export async function acceptedOrderIds(
  target: Pick<AuditTarget, 'databaseUrl' | 'databaseSsl'>,
  ids: string[],
): Promise<Set<string>> {
  const uuids = ids.filter((id) => UUID.test(id));
  const client = await connect(target);
  try {
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM orders.orders WHERE id = ANY($1::uuid[])',
      [uuids],
    );
    return new Set(rows.map((row) => row.id));
  } finally {
    await client.end();
  }
}

interface OrderRecord {
  id: string;
  status: string;
  total_cents: string;
  currency: string;
  timeline: AuditedOrder['timeline'];
  created_at: Date;
}

interface StockRecord {
  sku: string;
  available: number;
  received: number;
  reserved: number;
  shipped: number;
  reserved_units: string;
  fulfilled_units: string;
}

async function readOrders(client: Client, scope: OrderScope): Promise<Map<string, AuditedOrder>> {
  const columns = 'id, status, total_cents, currency, timeline, created_at';
  const { rows } =
    'ids' in scope
      ? await client.query<OrderRecord>(
          `SELECT ${columns} FROM orders.orders WHERE id = ANY($1::uuid[])`,
          [scope.ids.filter((id) => UUID.test(id))],
        )
      : 'since' in scope
        ? await client.query<OrderRecord>(
            `SELECT ${columns} FROM orders.orders WHERE created_at >= $1`,
            [scope.since],
          )
        : await client.query<OrderRecord>(`SELECT ${columns} FROM orders.orders`);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        status: row.status,
        totalCents: Number(row.total_cents),
        currency: String(row.currency).trim().toLowerCase(),
        timeline: row.timeline,
        createdAt: row.created_at,
      },
    ]),
  );
}

async function readOrphans(client: Client): Promise<DatabaseRows['orphanRows']> {
  const tables = ['payments.payments', 'inventory.reservations', 'shipping.shipments'];
  const orphans: DatabaseRows['orphanRows'] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ order_id: string }>(
      `SELECT t.order_id FROM ${table} t
       WHERE NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = t.order_id)`,
    );
    orphans.push(...rows.map((row) => ({ table, orderId: row.order_id })));
  }
  return orphans;
}

async function statusByOrder(client: Client, table: string, ids: string[]) {
  const { rows } = await client.query<{ order_id: string; status: string }>(
    `SELECT order_id, status FROM ${table} WHERE order_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.order_id, row.status]));
}

async function readStock(client: Client, skus: string[] | undefined): Promise<StockRow[]> {
  const { rows } = await client.query<StockRecord>(
    `SELECT s.sku, s.available, s.received, s.reserved, s.shipped,
       coalesce(sum(u.units) FILTER (WHERE u.status = 'RESERVED'), 0) AS reserved_units,
       coalesce(sum(u.units) FILTER (WHERE u.status = 'FULFILLED'), 0) AS fulfilled_units
     FROM inventory.stock s
     LEFT JOIN (
       SELECT line->>'sku' AS sku, r.status, (line->>'quantity')::int AS units
       FROM inventory.reservations r, jsonb_array_elements(r.items) AS line
       WHERE r.status IN ('RESERVED', 'FULFILLED')
     ) u ON u.sku = s.sku
     WHERE $1::text[] IS NULL OR s.sku = ANY($1)
     GROUP BY s.sku ORDER BY s.sku`,
    [skus ?? null],
  );
  return rows.map((row) => ({
    sku: row.sku,
    available: row.available,
    received: row.received,
    reserved: row.reserved,
    shipped: row.shipped,
    reservedUnits: Number(row.reserved_units),
    fulfilledUnits: Number(row.fulfilled_units),
  }));
}

async function readOutboxes(client: Client): Promise<DatabaseRows['outboxBacklog']> {
  const backlog: DatabaseRows['outboxBacklog'] = {};
  for (const schema of SERVICE_SCHEMAS) {
    const { rows } = await client.query<{ rows: string; oldest: number | null }>(
      `SELECT count(*) AS rows, extract(epoch FROM now() - min(created_at))::float8 AS oldest
       FROM "${schema}".outbox`,
    );
    backlog[schema] = { rows: Number(rows[0].rows), oldestSeconds: rows[0].oldest };
  }
  return backlog;
}
