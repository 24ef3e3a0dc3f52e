import { Stack } from 'aws-cdk-lib';
import { QUEUE_NAMES } from '@conveyor/contracts';
import {
  queueLogicalId,
  resourcesOfType,
  STACK_VARIANTS,
  synthesizeStack,
  type StackVariant,
} from './conveyor-stack.fixtures';

describe.each(Object.keys(STACK_VARIANTS) as StackVariant[])('queues of %s', (variant) => {
  const stackOf = () => synthesizeStack(variant);

  it('are exactly the topology: a work queue and a DLQ per queue name, named by it', () => {
    const { json, stack } = stackOf();
    const names = resourcesOfType(json, 'AWS::SQS::Queue').map(([, p]) => p.QueueName);
    const declared = stack.topology.pairs.flatMap((pair) => [pair.work.name, pair.dlq.name]);
    expect([...names].sort()).toEqual([...declared].sort());
    expect(stack.topology.pairs.map((pair) => pair.queue)).toEqual(QUEUE_NAMES);
    const fifo = STACK_VARIANTS[variant].queueMode === 'fifo';
    for (const name of declared) {
      expect(name.startsWith(`conveyor-${STACK_VARIANTS[variant].envName}-`)).toBe(true);
      expect(name.endsWith('.fifo')).toBe(fifo);
    }
  });

  it('redrive each work queue to its own DLQ after maxReceiveCount receives', () => {
    const { json, stack } = stackOf();
    for (const pair of stack.topology.pairs) {
      const work = json.Resources[queueLogicalId(json, pair.work.name)].Properties!;
      expect(work.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [queueLogicalId(json, pair.dlq.name), 'Arn'] },
        maxReceiveCount: STACK_VARIANTS[variant].maxReceiveCount,
      });
    }
  });

  it('let each DLQ take redrives from its source queue only', () => {
    const { json, stack } = stackOf();
    for (const pair of stack.topology.pairs) {
      const dlq = json.Resources[queueLogicalId(json, pair.dlq.name)].Properties!;
      const sourceArn = stack.resolve(
        Stack.of(stack).formatArn({ service: 'sqs', resource: pair.work.name }),
      );
      expect(dlq.RedriveAllowPolicy).toEqual({
        redrivePermission: 'byQueue',
        sourceQueueArns: [sourceArn],
      });
      expect(dlq.RedrivePolicy).toBeUndefined();
    }
  });

  it('keep dead letters longer than their source keeps messages', () => {
    const { json, stack } = stackOf();
    for (const pair of stack.topology.pairs) {
      const retention = (name: string) =>
        json.Resources[queueLogicalId(json, name)].Properties!.MessageRetentionPeriod as number;
      expect(retention(pair.dlq.name)).toBeGreaterThan(retention(pair.work.name));
    }
  });

  it('deny every request not made over TLS, on every queue', () => {
    const { json } = stackOf();
    const policies = resourcesOfType(json, 'AWS::SQS::QueuePolicy');
    const guarded = policies.flatMap(([, policy]) => {
      const statements = (policy.PolicyDocument as { Statement: Record<string, unknown>[] })
        .Statement;
      const denies = statements.some(
        (s) =>
          s.Effect === 'Deny' &&
          s.Action === 'sqs:*' &&
          JSON.stringify(s.Condition) ===
            JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      );
      return denies ? (policy.Queues as { Ref: string }[]).map((queue) => queue.Ref) : [];
    });
    const queues = resourcesOfType(json, 'AWS::SQS::Queue').map(([id]) => id);
    expect([...guarded].sort()).toEqual([...queues].sort());
  });
});
