import { FAILURE_ENTRY, type OrderStatus } from '@conveyor/contracts';

export { FAILURE_ENTRY, ORDER_STATUSES, SUCCESS_PATH, type OrderStatus } from '@conveyor/contracts';

export const CANCELLABLE_STATUSES: readonly OrderStatus[] = FAILURE_ENTRY.CANCELLED;

export function isTerminal(status: OrderStatus): boolean {
  return status === 'SHIPPED' || status in FAILURE_ENTRY;
}
