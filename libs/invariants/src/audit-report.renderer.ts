import type { InvariantAuditReport, Violation } from './audit.types';

/** One line per violation: `order <id>: I3 <evidence>`, `sku <sku>: I4 …`, or the deployment's. */
export function violationLine(violation: Violation): string {
  const subject = violation.orderId
    ? `order ${violation.orderId}`
    : violation.sku
      ? `sku ${violation.sku}`
      : 'deployment';
  return `${subject}: ${violation.invariant} ${violation.evidence}`;
}

/** The report as a person reads it in a terminal. */
export function renderAuditText(report: InvariantAuditReport): string {
  const { counts } = report;
  const statuses = Object.entries(counts.byStatus)
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const lines = [
    `invariant audit at ${report.checkedAt}: ${counts.ordersInScope} order(s) (${statuses || 'none'}), ` +
      `${counts.deadLetteredOrders} dead-lettered, ${counts.paymentIntents} PaymentIntent(s), ${counts.skus} SKU(s)`,
  ];
  for (const error of report.readErrors) lines.push(`COULD NOT READ ${error}`);
  for (const invariant of report.invariants) {
    const verdict =
      report.readErrors.length > 0 ? 'unknown' : invariant.holds ? 'holds' : 'VIOLATED';
    lines.push(`${invariant.id} ${verdict.padEnd(8)} ${invariant.name}`);
    for (const violation of invariant.violations) lines.push(`   ${violationLine(violation)}`);
  }
  if (report.settledAfterSeconds !== null) {
    lines.push(`settled after ${report.settledAfterSeconds.toFixed(1)} s`);
  }
  lines.push(
    ['all invariants hold', 'violations found', 'could not read the deployment'][report.exitCode],
  );
  return lines.join('\n');
}

/** The report for machines: `--json`. */
export function renderAuditJson(report: InvariantAuditReport): string {
  return JSON.stringify(report, null, 2);
}
