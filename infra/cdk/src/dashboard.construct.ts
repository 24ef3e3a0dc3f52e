import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import type { ConveyorApp } from '@conveyor/contracts';
import { runningTasks } from './operational-metrics';
import type { ConveyorQueues } from './queues.construct';

export interface DashboardProps {
  envName: string;
  queues: ConveyorQueues;
  cluster: ecs.ICluster;
  services: ReadonlyMap<ConveyorApp, ecs.FargateService>;
  loadBalancer: elbv2.ApplicationLoadBalancer;
}

/** One page: queue depth and age, tasks per service, and the API's latency. */
export class ConveyorDashboard extends Construct {
  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const period = Duration.minutes(1);
    const pairs = [...props.queues.pairs.values()];
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `conveyor-${props.envName}`,
    });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Messages waiting (work queues and DLQs)',
        left: pairs.flatMap(({ work, dlq }) => [
          work.metricApproximateNumberOfMessagesVisible({ period, label: work.queueName }),
          dlq.metricApproximateNumberOfMessagesVisible({ period, label: dlq.queueName }),
        ]),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Age of the oldest message (s)',
        left: pairs.map(({ work }) =>
          work.metricApproximateAgeOfOldestMessage({ period, label: work.queueName }),
        ),
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Running tasks per service',
        left: [...props.services].map(([app, service]) =>
          runningTasks(props.cluster, service).with({ label: app, statistic: 'Average' }),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Order API latency (s)',
        left: ['p50', 'p99'].map((statistic) =>
          props.loadBalancer.metrics.targetResponseTime({ period, statistic, label: statistic }),
        ),
        width: 12,
      }),
    );
  }
}
