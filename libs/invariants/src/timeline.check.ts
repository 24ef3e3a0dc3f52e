import {
  FAILURE_ENTRY,
  SUCCESS_PATH,
  TERMINAL_STATUSES,
  type OrderStatus,
} from '@conveyor/contracts';
import type { AuditedOrder } from './audit.snapshot';

/**
 * What is illegal in an order's timeline. Success-path steps may be skipped (status events
 * arrive out of order, and a late one is dropped as stale) but never reversed; a failure is
 * entered only from the statuses the state machine allows; nothing follows a terminal status
 * but a note (a rejected cancellation repeats the status with a reason). Timestamps are not
 * compared: each step carries the clock of the service that decided it, and clocks differ.
 */
export function timelineViolations(order: AuditedOrder): string[] {
  const steps = Array.isArray(order.timeline) ? order.timeline : [];
  if (steps.length === 0) return ['empty timeline'];
  const found: string[] = [];
  if (steps[0].status !== 'PENDING') found.push(`starts at ${steps[0].status}, not PENDING`);
  for (let index = 1; index < steps.length; index += 1) {
    const from = steps[index - 1];
    const to = steps[index];
    const problem = transitionProblem(
      from.status as OrderStatus,
      to.status as OrderStatus,
      to.reason,
    );
    if (problem) found.push(`step ${index}: ${from.status} → ${to.status} ${problem}`);
  }
  const last = steps[steps.length - 1].status;
  if (last !== order.status) found.push(`ends at ${last} but the order is ${order.status}`);
  return found;
}

function transitionProblem(from: OrderStatus, to: OrderStatus, reason?: string): string | null {
  if (from === to) return reason ? null : 'repeats a status without a reason';
  if (TERMINAL_STATUSES.includes(from)) return 'leaves a terminal status';
  const failureEntry = FAILURE_ENTRY[to];
  if (failureEntry)
    return failureEntry.includes(from) ? null : 'is not a failure this status allows';
  const forward = SUCCESS_PATH.indexOf(to) > SUCCESS_PATH.indexOf(from);
  return forward ? null : 'moves backwards';
}
