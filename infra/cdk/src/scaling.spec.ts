import { queueConsumedBy } from '@conveyor/messaging';
import { backlogPerReplicaTarget, WORKER_APPS } from '../../scaling/worker-scaling';
import {
  queueLogicalId,
  resourcesOfType,
  STACK_VARIANTS,
  synthesizeStack,
  type StackVariant,
} from './conveyor-stack.fixtures';

const serviceLogicalId = (app: string, ids: string[]) => {
  const prefix = `Apps${app.replace(/-/g, '')}serviceService`;
  const found = ids.find((id) => id.startsWith(prefix));
  if (!found) throw new Error(`No service for ${app}`);
  return found;
};

/** Visible messages of the queue ÷ running tasks of the service, as CloudFormation spells it. */
function backlogPerTaskMath(queue: string, service: string): unknown[] {
  const stat = (Namespace: string, MetricName: string, Dimensions: unknown[]) => ({
    MetricStat: { Metric: { Namespace, MetricName, Dimensions } },
    ReturnData: false,
  });
  return [
    {
      Id: 'visible',
      ...stat('AWS/SQS', 'ApproximateNumberOfMessagesVisible', [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } },
      ]),
    },
    {
      Id: 'tasks',
      ...stat('ECS/ContainerInsights', 'RunningTaskCount', [
        { Name: 'ClusterName', Value: { Ref: expect.stringMatching(/^AppsCluster/) } },
        { Name: 'ServiceName', Value: { 'Fn::GetAtt': [service, 'Name'] } },
      ]),
    },
    { Id: 'backlogPerTask', Expression: 'visible / tasks', ReturnData: true },
  ];
}

describe.each(Object.keys(STACK_VARIANTS) as StackVariant[])('scaling of %s', (variant) => {
  const synth = () => synthesizeStack(variant);
  const sizes = STACK_VARIANTS[variant].sizes;

  it.each(WORKER_APPS)('tracks the backlog per task of %s by metric math', (app) => {
    const { json, stack } = synth();
    const service = serviceLogicalId(
      app,
      resourcesOfType(json, 'AWS::ECS::Service').map(([id]) => id),
    );
    const queue = stack.topology.pairs.find((pair) => pair.queue === queueConsumedBy(app))!;
    const policies = resourcesOfType(json, 'AWS::ApplicationAutoScaling::ScalingPolicy').filter(
      ([, p]) => JSON.stringify(p.PolicyName).includes(service),
    );
    expect(policies).toHaveLength(1);
    const [, policy] = policies[0];
    const size = sizes.services[app];
    const shape = { vcpu: size.cpu / 1024, concurrency: sizes.workerConcurrency[app] };
    expect(policy.PolicyType).toBe('TargetTrackingScaling');
    expect(policy.TargetTrackingScalingPolicyConfiguration).toMatchObject({
      TargetValue: backlogPerReplicaTarget(app, shape, sizes.acceptableLatencySeconds),
      CustomizedMetricSpecification: {
        Metrics: backlogPerTaskMath(queueLogicalId(json, queue.work.name), service),
      },
    });
    const targetId = (policy.ScalingTargetId as { Ref: string }).Ref;
    expect(json.Resources[targetId].Properties).toMatchObject({
      MinCapacity: size.minTasks,
      MaxCapacity: size.maxTasks,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    expect(size.minTasks).toBeGreaterThanOrEqual(1);
  });

  it('scales the order API on requests per target and on CPU', () => {
    const types = resourcesOfType(synth().json, 'AWS::ApplicationAutoScaling::ScalingPolicy').map(
      ([, p]) =>
        (p.TargetTrackingScalingPolicyConfiguration as Record<string, Record<string, unknown>>)
          .PredefinedMetricSpecification?.PredefinedMetricType,
    );
    expect(types.filter(Boolean).sort()).toEqual([
      'ALBRequestCountPerTarget',
      'ECSServiceAverageCPUUtilization',
    ]);
  });

  it('runs the cluster with Container Insights, whose RunningTaskCount the math divides by', () => {
    synth().template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });
});
