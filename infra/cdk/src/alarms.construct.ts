import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { ConveyorApp } from '@conveyor/contracts';
import type { EnvironmentSizes } from './conveyor-stack.props';
import { api5xxPercent, runningTasks } from './operational-metrics';
import type { ConveyorQueues } from './queues.construct';

export interface AlarmsProps {
  queues: ConveyorQueues;
  cluster: ecs.ICluster;
  services: ReadonlyMap<ConveyorApp, ecs.FargateService>;
  loadBalancer: elbv2.ApplicationLoadBalancer;
  database: rds.DatabaseInstance;
  sizes: EnvironmentSizes;
  alarmEmail?: string;
}

const GIB = 1024 ** 3;

/** Every alarm of the system, all to one encrypted SNS topic. */
export class ConveyorAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const key = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the Conveyor alarm topic',
    });
    // CloudWatch publishes alarms to an encrypted topic only if it may use the topic's key.
    key.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    this.queueAlarms(props);
    this.serviceAlarms(props);
    this.platformAlarms(props);
  }

  private queueAlarms({ queues, sizes }: AlarmsProps): void {
    for (const [queue, { work, dlq }] of queues.pairs) {
      this.add(`${queue}-oldest-message`, {
        metric: work.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
        threshold: sizes.oldestMessageAlarmSeconds,
        evaluationPeriods: 3,
        alarmDescription: `${work.queueName}: a message has waited longer than ${sizes.oldestMessageAlarmSeconds} s`,
      });
      this.add(`${queue}-dlq-not-empty`, {
        metric: dlq.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 0,
        evaluationPeriods: 1,
        alarmDescription: `${dlq.queueName}: dead-lettered messages wait for a look (npm run dlq)`,
      });
    }
  }

  private serviceAlarms({ cluster, services, sizes }: AlarmsProps): void {
    for (const [app, service] of services) {
      const minimum = sizes.services[app].minTasks;
      this.add(`${app}-tasks-below-minimum`, {
        metric: runningTasks(cluster, service),
        threshold: minimum,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
        // No data from Container Insights means no task reported at all.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        alarmDescription: `${app}: fewer than ${minimum} running tasks`,
      });
    }
  }

  private platformAlarms({ loadBalancer, database, sizes }: AlarmsProps): void {
    this.add('api-5xx-rate', {
      metric: api5xxPercent(loadBalancer),
      threshold: 1,
      evaluationPeriods: 5,
      alarmDescription: 'order API: more than 1 % of requests answered 5xx',
    });
    this.add('database-cpu', {
      metric: database.metricCPUUtilization({ period: Duration.minutes(5) }),
      threshold: 80,
      evaluationPeriods: 3,
      alarmDescription: 'database: CPU above 80 % for 15 minutes',
    });
    this.add('database-free-storage', {
      metric: database.metricFreeStorageSpace({ period: Duration.minutes(5) }),
      // A tenth of the initial allocation; storage autoscaling grows it up to its maximum.
      threshold: sizes.database.allocatedStorageGiB * GIB * 0.1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: 'database: free storage below a tenth of its allocation',
    });
  }

  private add(
    id: string,
    props: Omit<cloudwatch.AlarmProps, 'comparisonOperator'> & {
      comparisonOperator?: cloudwatch.ComparisonOperator;
    },
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
