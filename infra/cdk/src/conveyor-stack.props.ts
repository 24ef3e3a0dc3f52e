import type { StackProps } from 'aws-cdk-lib';
import type { ConveyorApp } from '@conveyor/contracts';
import type { QueueMode } from '@conveyor/messaging';
import type { WorkerApp } from '../../scaling/worker-scaling';

/** asset: CDK builds infra/docker/Dockerfile at deploy time; registry: images already pushed. */
export type ImageSource = 'asset' | 'registry';

export interface ServiceSize {
  /** Fargate task CPU units (1024 = one vCPU). */
  cpu: number;
  memoryMiB: number;
  minTasks: number;
  maxTasks: number;
}

export interface DatabaseSize {
  /** An RDS instance type without the `db.` prefix, e.g. `t4g.micro`. */
  instanceType: string;
  allocatedStorageGiB: number;
  maxAllocatedStorageGiB: number;
  multiAz: boolean;
  backupRetentionDays: number;
}

/** What differs between environments: capacity, and how careful deletion must be. */
export interface EnvironmentSizes {
  maxAzs: number;
  natGateways: number;
  database: DatabaseSize;
  services: Record<ConveyorApp, ServiceSize>;
  /** CONSUMER_CONCURRENCY of each worker: also an input of its backlog-per-task target. */
  workerConcurrency: Record<WorkerApp, number>;
  /** How long a message may wait in a worker's queue: the backlog-per-task target's budget. */
  acceptableLatencySeconds: number;
  apiRequestsPerTarget: number;
  apiCpuTargetPercent: number;
  /** ApproximateAgeOfOldestMessage above this on a work queue raises an alarm. */
  oldestMessageAlarmSeconds: number;
  logRetentionDays: number;
  /** Deletion protection, snapshots kept on delete, retained log groups. */
  production: boolean;
}

export interface ConveyorStackProps extends StackProps {
  /** Names the stack (`conveyor-<env>`) and the queues (`conveyor-<env>-…`). */
  envName: string;
  queueMode: QueueMode;
  maxReceiveCount: number;
  sizes: EnvironmentSizes;
  imageSource: ImageSource;
  /** The registry holding `conveyor/<target>:latest` when imageSource is `registry`. */
  registry?: string;
  /** The repository root, the Docker build context when imageSource is `asset`. */
  repoRoot: string;
  /** The ACM certificate of the HTTPS listener; without one, a stack parameter asks for it. */
  certificateArn?: string;
  /**
   * A PEM bundle inside the images (the RDS CA bundle): with one the apps verify the database's
   * certificate (DATABASE_SSL=verify-full); without one they encrypt without verifying.
   */
  databaseCaFile?: string;
  corsAllowedOrigins?: string;
  /** Complete ARN of an existing secret holding STRIPE_SECRET_KEY; otherwise one is created. */
  stripeSecretKeyArn?: string;
  /** Complete ARN of an existing secret holding STRIPE_WEBHOOK_SECRET; otherwise one is created. */
  stripeWebhookSecretArn?: string;
  /** An address subscribed to the alarm topic, if any. */
  alarmEmail?: string;
}
