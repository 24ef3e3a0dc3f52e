import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { queueConsumedBy, resolveQueueTopology, type QueueTopology } from '@conveyor/messaging';
import { backlogPerReplicaTarget, WORKER_APPS } from '../../scaling/worker-scaling';
import { ConveyorAlarms } from './alarms.construct';
import type { TaskRuntime } from './app-container';
import { AppSecrets } from './app-secrets.construct';
import { AppServices } from './app-services.construct';
import { BacklogScaling } from './backlog-scaling.construct';
import type { ConveyorStackProps } from './conveyor-stack.props';
import { ConveyorDashboard } from './dashboard.construct';
import { ConveyorDatabase } from './database.construct';
import { addMigrationsTask } from './migrations-task';
import { OrderApiIngress } from './order-api-ingress.construct';
import { ConveyorQueues } from './queues.construct';

/** One environment of Conveyor: `conveyor-<env>`, everything derived from the topology. */
export class ConveyorStack extends Stack {
  readonly topology: QueueTopology;
  readonly queues: ConveyorQueues;
  readonly services: AppServices;
  readonly migrations: ecs.FargateTaskDefinition;
  readonly runtime: TaskRuntime;
  readonly backlogScaling = new Map<string, BacklogScaling>();

  constructor(scope: Construct, props: ConveyorStackProps) {
    super(scope, `conveyor-${props.envName}`, props);
    this.topology = resolveQueueTopology({
      prefix: `conveyor-${props.envName}-`,
      mode: props.queueMode,
      maxReceiveCount: props.maxReceiveCount,
    });
    const vpc = this.network(props);
    this.queues = new ConveyorQueues(this, 'Queues', this.topology);
    this.runtime = this.taskRuntime(vpc, props);
    this.services = new AppServices(this, 'Apps', {
      vpc,
      runtime: this.runtime,
      queues: this.queues,
      stack: props,
    });
    const ingress = new OrderApiIngress(this, 'Ingress', {
      vpc,
      service: this.services.service('order-api'),
      sizes: props.sizes,
      certificateArn: props.certificateArn,
    });
    this.scaleWorkers(props);
    this.migrations = addMigrationsTask(this.services, this.runtime, props);
    this.observe(ingress, props);
    this.outputs(vpc, this.runtime, ingress);
  }

  /** Public subnets for the load balancer and NAT, private ones for tasks and the database. */
  private network(props: ConveyorStackProps): ec2.Vpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: props.sizes.maxAzs,
      natGateways: props.sizes.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    vpc.addFlowLog('FlowLog');
    return vpc;
  }

  /** What every task is configured from: the topology, the database and the secrets. */
  private taskRuntime(vpc: ec2.IVpc, props: ConveyorStackProps): TaskRuntime {
    const production = props.sizes.production;
    return {
      topology: this.topology,
      maxReceiveCount: props.maxReceiveCount,
      database: new ConveyorDatabase(this, 'Database', {
        vpc,
        size: props.sizes.database,
        production,
      }),
      secrets: new AppSecrets(this, 'Secrets', {
        prefix: this.topology.prefix,
        production,
        stripeSecretKeyArn: props.stripeSecretKeyArn,
        stripeWebhookSecretArn: props.stripeWebhookSecretArn,
      }),
      databaseCaFile: props.databaseCaFile,
    };
  }

  private observe(ingress: OrderApiIngress, props: ConveyorStackProps): void {
    const observed = {
      queues: this.queues,
      cluster: this.services.cluster,
      services: this.services.services,
      loadBalancer: ingress.loadBalancer,
    };
    new ConveyorAlarms(this, 'Alarms', {
      ...observed,
      database: this.runtime.database.instance,
      sizes: props.sizes,
      alarmEmail: props.alarmEmail,
    });
    new ConveyorDashboard(this, 'Dashboard', { ...observed, envName: props.envName });
  }

  private scaleWorkers(props: ConveyorStackProps): void {
    for (const app of WORKER_APPS) {
      const size = props.sizes.services[app];
      const shape = { vcpu: size.cpu / 1024, concurrency: props.sizes.workerConcurrency[app] };
      const scaling = new BacklogScaling(this, `${app}-scaling`, {
        cluster: this.services.cluster,
        service: this.services.service(app),
        queue: this.queues.pair(queueConsumedBy(app)).work,
        minTasks: size.minTasks,
        maxTasks: size.maxTasks,
        backlogPerTask: backlogPerReplicaTarget(app, shape, props.sizes.acceptableLatencySeconds),
      });
      this.backlogScaling.set(app, scaling);
    }
  }

  /** What `aws ecs run-task` needs for the migrations, and where the API answers. */
  private outputs(vpc: ec2.IVpc, runtime: TaskRuntime, ingress: OrderApiIngress): void {
    const migrationsGroup = new ec2.SecurityGroup(this, 'MigrationsSecurityGroup', {
      vpc,
      description: 'The one-off migrations task: reaches the database only',
    });
    runtime.database.instance.connections.allowDefaultPortFrom(migrationsGroup);
    new CfnOutput(this, 'ApiUrl', { value: `https://${ingress.loadBalancer.loadBalancerDnsName}` });
    new CfnOutput(this, 'ClusterName', { value: this.services.cluster.clusterName });
    new CfnOutput(this, 'MigrationsTaskDefinition', { value: this.migrations.taskDefinitionArn });
    new CfnOutput(this, 'MigrationsSecurityGroupId', { value: migrationsGroup.securityGroupId });
    new CfnOutput(this, 'PrivateSubnets', {
      value: vpc.privateSubnets.map((subnet) => subnet.subnetId).join(','),
    });
  }
}
