import type { Message } from '@aws-sdk/client-sqs';

/**
 * Splits a received batch into its FIFO message groups, keeping SQS's order within each group.
 * SQS may return several messages of one group in a single batch; they must run one by one.
 */
export function groupByMessageGroup<T extends { message: Message }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const groupId = item.message.Attributes?.MessageGroupId ?? item.message.MessageId ?? '';
    const group = groups.get(groupId) ?? [];
    group.push(item);
    groups.set(groupId, group);
  }
  return [...groups.values()];
}
