import { waitFor } from '@conveyor/dev-stack';
import {
  auditInvariants,
  createAuditStripeClient,
  violationLine,
  type InvariantAuditReport,
} from '@conveyor/invariants';
import type { QueueDirectory } from '@conveyor/messaging';
import { sqsClientFor } from './queue-messages.probe';
import { testEnvironment } from './test-context';

/**
 * What a multi-order test hands over: the orders it placed and the SKUs it seeded (with their
 * initial stock; add any restocked units to `initial`), on the shared database and emulators.
 */
export interface InvariantScope {
  databaseUrl: string;
  stripeUrl: string;
  sqsEndpoint: string;
  /** The test's queues (E2eStack.directory): their dead-letter queues are peeked, not consumed. */
  directory: QueueDirectory;
  orderIds: readonly string[];
  skus: readonly { sku: string; initial: number }[];
}

/** The scope of a test's orders on its stack, the shared database and the emulators. */
export function invariantScopeOf(
  directory: QueueDirectory,
  orderIds: readonly string[],
  skus: readonly { sku: string; initial: number }[],
): InvariantScope {
  const env = testEnvironment();
  return {
    databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
    stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
    sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
    directory,
    orderIds,
    skus,
  };
}

/** The emulator accepts any well-formed test key. */
const TEST_STRIPE_KEY = 'sk_test_conveyor_invariants';

/**
 * Jest loads this module afresh for each test file, and the files run one after another on one
 * shared Stripe emulator: PaymentIntents from before this file started belong to earlier files
 * (whose orders live in other database copies), so the audit's Stripe window starts here. An
 * order API whose clock was moved back (clock-skew test) would otherwise open it too early.
 */
// Stripe stamps `created` in whole seconds, and the window opens at a whole second: the next one,
// so a PaymentIntent an earlier file made in this file's first second is not taken for this
// file's (it was, once the pipeline got fast). This file's stack needs seconds to boot before
// its first order, so none of its own is missed.
const FILE_STARTED = new Date(Math.ceil(Date.now() / 1000) * 1000);

/**
 * Runs the invariant auditor (`npm run invariants`, libs/invariants) once over the scope and
 * returns one line per violation, and one per read that failed: empty only when all hold.
 */
export async function checkInvariants(scope: InvariantScope): Promise<string[]> {
  const report = await auditScope(scope);
  return [
    ...report.readErrors.map((error) => `could not read ${error}`),
    ...report.invariants.flatMap((invariant) => invariant.violations.map(violationLine)),
  ];
}

/** The auditor's whole report for a scope, read once. */
export async function auditScope(scope: InvariantScope): Promise<InvariantAuditReport> {
  const sqs = sqsClientFor(scope.sqsEndpoint);
  try {
    return await auditInvariants(
      {
        databaseUrl: scope.databaseUrl,
        sqs,
        directory: scope.directory,
        stripe: createAuditStripeClient({
          secretKey: TEST_STRIPE_KEY,
          apiBaseUrl: scope.stripeUrl,
        }),
      },
      {
        orders: { ids: scope.orderIds },
        skus: scope.skus,
        allowEmpty: scope.orderIds.length === 0,
        stripeSince: FILE_STARTED,
      },
    );
  } finally {
    sqs.destroy();
  }
}

/**
 * Asserts that every invariant holds. Compensations (a void, a release) and the outbox relay
 * may trail an order's terminal status, so this polls until no violation is left or `timeoutMs`
 * passes, then fails with the violations seen last.
 */
export async function expectInvariants(scope: InvariantScope, timeoutMs = 30_000): Promise<void> {
  let violations: string[] = [];
  await waitFor(
    async () => {
      violations = await checkInvariants(scope);
      return violations.length === 0;
    },
    { timeoutMs, intervalMs: 500, description: 'the saga invariants to hold' },
  ).catch(() => undefined);
  expect(violations).toEqual([]);
}
