import { Aws, Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface BacklogScalingProps {
  cluster: ecs.ICluster;
  service: ecs.FargateService;
  queue: sqs.IQueue;
  minTasks: number;
  maxTasks: number;
  /** Messages one task may have waiting and still drain them within the acceptable latency. */
  backlogPerTask: number;
}

const ECS_SCALING_ROLE_ARN = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`;

/**
 * Target tracking on the backlog per task: visible messages ÷ running tasks. The high-level
 * scaling API takes a single metric, not metric math, so the policy is written at the L1 level.
 */
export class BacklogScaling extends Construct {
  readonly policy: appscaling.CfnScalingPolicy;

  constructor(scope: Construct, id: string, props: BacklogScalingProps) {
    super(scope, id);
    const target = new appscaling.ScalableTarget(this, 'Target', {
      serviceNamespace: appscaling.ServiceNamespace.ECS,
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${props.cluster.clusterName}/${props.service.serviceName}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
      // The role ECS's own scaling uses (as autoScaleTaskCount does), rather than a new one.
      role: iam.Role.fromRoleArn(this, 'ServiceLinkedRole', ECS_SCALING_ROLE_ARN),
    });
    this.policy = new appscaling.CfnScalingPolicy(this, 'BacklogPerTask', {
      policyName: `${props.service.serviceName}-backlog-per-task`,
      policyType: 'TargetTrackingScaling',
      scalingTargetId: target.scalableTargetId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: props.backlogPerTask,
        // Out fast when a backlog builds; in slowly, so a lull between bursts keeps the tasks.
        scaleOutCooldown: Duration.seconds(60).toSeconds(),
        scaleInCooldown: Duration.minutes(5).toSeconds(),
        customizedMetricSpecification: { metrics: backlogPerTaskMetrics(props) },
      },
    });
  }
}

function backlogPerTaskMetrics(
  props: BacklogScalingProps,
): appscaling.CfnScalingPolicy.TargetTrackingMetricDataQueryProperty[] {
  const stat = (namespace: string, metricName: string, dimensions: Record<string, string>) => ({
    metric: {
      namespace,
      metricName,
      dimensions: Object.entries(dimensions).map(([name, value]) => ({ name, value })),
    },
    stat: 'Average',
  });
  return [
    {
      id: 'visible',
      metricStat: stat('AWS/SQS', 'ApproximateNumberOfMessagesVisible', {
        QueueName: props.queue.queueName,
      }),
      returnData: false,
    },
    {
      id: 'tasks',
      metricStat: stat('ECS/ContainerInsights', 'RunningTaskCount', {
        ClusterName: props.cluster.clusterName,
        ServiceName: props.service.serviceName,
      }),
      returnData: false,
    },
    { id: 'backlogPerTask', expression: 'visible / tasks', returnData: true },
  ];
}
