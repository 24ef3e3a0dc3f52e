import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { APP_IMAGE_PORTS } from '../../../tools/images/image.catalog';
import { isWorkerApp } from '../../scaling/worker-scaling';
import {
  liveHealthCheck,
  taskEnvironment,
  taskSecrets,
  type ConveyorTask,
  type TaskRuntime,
} from './app-container';
import { containerImage } from './container-images';
import type { ConveyorStackProps, ServiceSize } from './conveyor-stack.props';
import { grantQueueAccess } from './queue-permissions';
import type { ConveyorQueues } from './queues.construct';

export interface AppServicesProps {
  vpc: ec2.IVpc;
  runtime: TaskRuntime;
  queues: ConveyorQueues;
  stack: ConveyorStackProps;
}

/**
 * Longer than any drain: the consumer finishes in-flight messages (a payment's Stripe call
 * included) and flushes the outbox after SIGTERM, and ECS kills the container at this limit.
 */
const STOP_TIMEOUT = Duration.seconds(90);

/** The Fargate cluster and one service per app, each with its own task and execution roles. */
export class AppServices extends Construct {
  readonly cluster: ecs.Cluster;
  readonly services = new Map<ConveyorApp, ecs.FargateService>();
  readonly taskDefinitions = new Map<ConveyorTask, ecs.FargateTaskDefinition>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AppServicesProps,
  ) {
    super(scope, id);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      clusterName: `conveyor-${props.stack.envName}`,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    for (const app of CONVEYOR_APPS) this.addApp(app);
  }

  service(app: ConveyorApp): ecs.FargateService {
    const service = this.services.get(app);
    if (!service) throw new Error(`No service for ${app}`);
    return service;
  }

  private addApp(app: ConveyorApp): void {
    const size = this.props.stack.sizes.services[app];
    const taskDefinition = this.taskDefinition(app, app, size);
    grantQueueAccess(taskDefinition.taskRole, app, this.props.queues);
    taskDefinition.addContainer(app, {
      image: containerImage(this, app, this.props.stack),
      environment: {
        ...taskEnvironment(this.props.runtime),
        ...this.appEnvironment(app),
      },
      secrets: taskSecrets(app, this.props.runtime),
      portMappings: [{ containerPort: APP_IMAGE_PORTS[app] }],
      healthCheck: liveHealthCheck(APP_IMAGE_PORTS[app]),
      stopTimeout: STOP_TIMEOUT,
      logging: this.logDriver(app),
    });
    const service = new ecs.FargateService(this, `${app}-service`, {
      cluster: this.cluster,
      taskDefinition,
      desiredCount: size.minTasks,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      // The load balancer's checks wait for the API's start; workers have no load balancer.
      healthCheckGracePeriod: isWorkerApp(app) ? undefined : Duration.seconds(60),
    });
    this.props.runtime.database.instance.connections.allowDefaultPortFrom(service);
    this.services.set(app, service);
  }

  /** A task definition with its own roles, so that each reads only its own secrets. */
  taskDefinition(task: ConveyorTask, id: string, size: ServiceSize): ecs.FargateTaskDefinition {
    const taskDefinition = new ecs.FargateTaskDefinition(this, `${id}-task`, {
      family: `conveyor-${this.props.stack.envName}-${task}`,
      cpu: size.cpu,
      memoryLimitMiB: size.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.taskDefinitions.set(task, taskDefinition);
    return taskDefinition;
  }

  /** JSON lines to CloudWatch as the apps write them, one log group per task. */
  logDriver(task: ConveyorTask): ecs.LogDriver {
    const { logRetentionDays, production } = this.props.stack.sizes;
    const logGroup = new logs.LogGroup(this, `${task}-logs`, {
      logGroupName: `/conveyor/${this.props.stack.envName}/${task}`,
      retention: logRetentionDays as logs.RetentionDays,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    return ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: task });
  }

  private appEnvironment(app: ConveyorApp): Record<string, string> {
    const { stack } = this.props;
    if (app === 'order-api') return { CORS_ALLOWED_ORIGINS: stack.corsAllowedOrigins ?? '' };
    const concurrency = stack.sizes.workerConcurrency[app];
    // As the bench ran them: a connection for every handler running at once (default 10).
    return {
      CONSUMER_CONCURRENCY: String(concurrency),
      DATABASE_POOL_SIZE: String(Math.max(10, concurrency)),
    };
  }
}
