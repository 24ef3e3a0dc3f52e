import { parseArgs } from 'node:util';
import { loadInvariantsConfig } from '@conveyor/config';
import {
  auditInvariants,
  createAuditStripeClient,
  renderAuditJson,
  renderAuditText,
  type AuditOptions,
  type OrderScope,
} from '@conveyor/invariants';
import { createSqsClient, resolveQueueDirectory, resolveQueueTopology } from '@conveyor/messaging';
import { postgresSslOptions } from '@conveyor/persistence';
import { runCommand, UsageError } from './command-line';

const USAGE = `usage: npm run invariants -- [--orders <id,id,…> | <since>] [--settle <seconds>] [--json]
  checks I1–I8 of docs/reliability.md against the deployment the environment names
  (the local stack of \`npm start\` when nothing is set, outside production)
  --orders   order ids (comma-separated), or a time: ISO 8601 or a duration back from now (90s, 15m, 2h);
             all orders when left out
  --settle   wait up to this many seconds for every invariant to hold (default 0)
  --json     the report as JSON
exit codes: 0 every invariant holds, 1 a violation, 2 something could not be read (or no orders)`;

/** `npm run invariants`: the reliability matrix's invariants, checked against a deployment. */
async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const config = loadInvariantsConfig();
  const sqs = createSqsClient(config.sqs);
  try {
    const directory = await resolveQueueDirectory(sqs, resolveQueueTopology(config.queues)).catch(
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ReadFailure(`COULD NOT READ the SQS queue directory: ${reason}`);
      },
    );
    const report = await auditInvariants(
      {
        databaseUrl: config.database.url,
        databaseSsl: postgresSslOptions(config.database.ssl),
        sqs,
        directory,
        stripe: createAuditStripeClient(config.stripe),
      },
      options.audit,
    );
    process.stdout.write(`${options.json ? renderAuditJson(report) : renderAuditText(report)}\n`);
    process.exitCode = report.exitCode;
  } finally {
    sqs.destroy();
  }
}

function parseOptions(args: string[]): { audit: AuditOptions; json: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      orders: { type: 'string' },
      settle: { type: 'string', default: '0' },
      json: { type: 'boolean', default: false },
    },
  });
  const settleSeconds = Number(values.settle);
  if (!Number.isFinite(settleSeconds) || settleSeconds < 0) {
    throw new UsageError(`--settle takes seconds, not ${values.settle}`);
  }
  return { audit: { orders: scopeOf(values.orders), settleSeconds }, json: values.json };
}

export function scopeOf(orders: string | undefined, now = Date.now()): OrderScope {
  if (orders === undefined) return { all: true };
  const duration = /^(\d+)(s|m|h|d)$/.exec(orders);
  if (duration) {
    const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[duration[2] as 's' | 'm' | 'h' | 'd'];
    return { since: new Date(now - Number(duration[1]) * unit * 1000) };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(orders) && !Number.isNaN(Date.parse(orders))) {
    return { since: new Date(orders) };
  }
  const ids = orders
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new UsageError('--orders names no order');
  return { ids };
}

/** A deployment that cannot be read is exit code 2, as the auditor's own read errors are. */
class ReadFailure extends Error {}

runCommand(USAGE, (args) =>
  main(args).catch((error: unknown) => {
    if (!(error instanceof ReadFailure)) throw error;
    process.stdout.write(`${error.message}\ncould not read the deployment\n`);
    process.exitCode = 2;
  }),
);
