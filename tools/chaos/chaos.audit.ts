import { auditInvariants, createAuditStripeClient } from '@conveyor/invariants';
import { createSqsClient, resolveQueueDirectory, resolveQueueTopology } from '@conveyor/messaging';
import type { InvariantResult } from './chaos-report.types';
import type { ChaosAudit } from './chaos.runner';

const SQS_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
/** Compensations can trail the settled state by a moment: the auditor re-reads for this long. */
const AUDIT_SETTLE_SECONDS = 60;

/** The invariant auditor (@conveyor/invariants) over exactly the orders the run accepted. */
export const auditChaosRun: ChaosAudit = async (scope) => {
  const sqs = createSqsClient({
    region: 'us-east-1',
    endpoint: scope.sqsEndpoint,
    credentials: SQS_CREDENTIALS,
  });
  try {
    const topology = resolveQueueTopology({ prefix: scope.queuePrefix, mode: 'standard' });
    const report = await auditInvariants(
      {
        databaseUrl: scope.databaseUrl,
        sqs,
        directory: await resolveQueueDirectory(sqs, topology),
        stripe: createAuditStripeClient({
          secretKey: scope.stripeKey,
          apiBaseUrl: scope.stripeUrl,
        }),
      },
      {
        orders: { ids: scope.orderIds },
        settleSeconds: AUDIT_SETTLE_SECONDS,
        skus: scope.skus.map(({ sku }) => ({ sku })),
      },
    );
    const invariants: InvariantResult[] = report.invariants.map((result) => ({
      id: result.id,
      title: result.name,
      holds: result.holds,
      details: result.violations.map((v) => `${v.orderId ?? v.sku ?? ''} ${v.evidence}`.trim()),
    }));
    if (report.readErrors.length > 0) {
      invariants.push({
        id: 'read',
        title: 'auditor read errors',
        holds: false,
        details: report.readErrors,
      });
    }
    return { invariants, exitCode: report.exitCode };
  } finally {
    sqs.destroy();
  }
};
