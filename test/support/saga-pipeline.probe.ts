import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import { inheritedEnvironment } from '@conveyor/config';
import { repoRoot, waitFor, type ConveyorApp, withPostgresClient } from '@conveyor/dev-stack';
import type { ApiResponse } from './api-client';
import type { E2eStack } from './e2e-stack';
import { stockOf, type StockLevels } from './order-pipeline.probe';
import { testEnvironment } from './test-context';

export async function purgeQueue(sqs: SQSClient, queueUrl: string): Promise<void> {
  await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
}

/**
 * One receive that leaves the messages visible (visibility 0), so a later consumer or redrive
 * finds them at once. Up to ten messages: enough for the few a test puts in a dead-letter queue.
 */
export async function peekVisible(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
      VisibilityTimeout: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return Messages;
}

export interface LogEntry {
  app: ConveyorApp;
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** The JSON log lines an app printed so far (its pino output), parsed. */
export function logEntries(e2e: E2eStack, app: ConveyorApp): LogEntry[] {
  const prefix = `${app} | `;
  const entries: LogEntry[] = [];
  for (const line of e2e.logs) {
    if (!line.startsWith(prefix)) continue;
    try {
      entries.push({ ...(JSON.parse(line.slice(prefix.length)) as LogEntry), app });
    } catch {
      // not a JSON log line (e.g. a runtime warning)
    }
  }
  return entries;
}

/** Runs the operator's `npm run dlq -- redrive <queue>` against the stack's queues. */
export function runDlqRedrive(e2e: E2eStack, queue: QueueName) {
  return runDlq(e2e, ['redrive', queue]);
}

/** Runs `npm run dlq -- <args>` against the stack's queues. */
export function runDlq(e2e: E2eStack, args: string[]) {
  const script = path.join(repoRoot(), 'dist/tools/cli/dlq.main.js');
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      ...inheritedEnvironment(),
      SQS_ENDPOINT: testEnvironment().CONVEYOR_TEST_SQS_ENDPOINT,
      SQS_QUEUE_PREFIX: e2e.prefix,
      QUEUE_MODE: e2e.mode,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export function idOf(response: ApiResponse): string {
  return (response.body as { id: string }).id;
}

export interface OrderRow {
  id: string;
  status: string;
  failureReason: string | null;
}

/** Reads many orders at once from the order API's table: polling 200 orders over HTTP would hit the rate limit. */
export function orderRows(databaseUrl: string, ids: string[]): Promise<OrderRow[]> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<OrderRow>(
      `SELECT id, status, failure_reason AS "failureReason" FROM orders.orders WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows;
  });
}

const TERMINAL = new Set(['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED']);

/** Polls until every order is terminal or `settled` accepts the rest; returns their rows. */
export function waitForOrdersSettled(
  databaseUrl: string,
  ids: string[],
  options: { timeoutMs: number; settled?: (pending: OrderRow[]) => boolean | Promise<boolean> },
): Promise<OrderRow[]> {
  return waitFor(
    async () => {
      const rows = await orderRows(databaseUrl, ids);
      const pending = rows.filter((row) => !TERMINAL.has(row.status));
      if (pending.length === 0) return rows;
      return (await options.settled?.(pending)) ? rows : false;
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 500,
      description: `${ids.length} orders to settle`,
    },
  );
}

/**
 * Asserts a SKU's stock levels. A SHIPPED order's units move reserved → shipped on a message of
 * their own, which may trail the order's status: poll until they match, then compare.
 */
export async function expectStock(databaseUrl: string, sku: string, expected: StockLevels) {
  let last: StockLevels | undefined;
  await waitFor(
    async () => {
      last = await stockOf(databaseUrl, sku);
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    { timeoutMs: 30_000, description: `the stock of ${sku}` },
  ).catch(() => undefined);
  expect(last).toEqual(expected);
}

/**
 * A Prometheus counter or gauge from an app's /metrics, summed over its label sets (those whose
 * labels include `labels`, e.g. `outcome="stale"`, when given).
 */
export async function metricValue(
  e2e: E2eStack,
  app: ConveyorApp,
  name: string,
  labels = '',
): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${e2e.ports[app]}/metrics`);
  const series = (await response.text())
    .split('\n')
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .filter((line) => line.includes(labels));
  return series.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Runs `work` with at most `limit` calls in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}
