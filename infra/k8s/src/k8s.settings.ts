import type { ConveyorApp } from '@conveyor/contracts';
import { DEFAULT_MAX_RECEIVE_COUNT, type QueueMode } from '@conveyor/messaging';
import type { WorkerApp } from '../../scaling/worker-scaling';

/** Every object lives in this namespace; the local emulators are addressed inside it. */
export const NAMESPACE = 'conveyor';
export const CONFIG_MAP_NAME = 'conveyor-config';
/** Created by the operator (aws) or from a git-ignored env file (local); never committed. */
export const SECRET_NAME = 'conveyor-secrets';
export const MIGRATE_JOB_NAME = 'conveyor-migrate';
export const TRIGGER_AUTH_NAME = 'conveyor-sqs';

/** The images' `app` user (infra/docker/Dockerfile fixes its uid and gid). */
export const APP_USER = { uid: 10001, gid: 10001 } as const;

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/**
 * The CPU request is also the vCPU of the scaling derivation (infra/scaling). Limits leave room
 * for start-up (Nest compiles its module graph) and for a burst above the scaling target.
 */
export const APP_RESOURCES: Record<ConveyorApp, Resources> = {
  'order-api': {
    requests: { cpu: '500m', memory: '256Mi' },
    limits: { cpu: '1', memory: '512Mi' },
  },
  'payment-worker': {
    requests: { cpu: '250m', memory: '192Mi' },
    limits: { cpu: '500m', memory: '384Mi' },
  },
  'inventory-worker': {
    requests: { cpu: '250m', memory: '192Mi' },
    limits: { cpu: '500m', memory: '384Mi' },
  },
  'shipping-worker': {
    requests: { cpu: '250m', memory: '192Mi' },
    limits: { cpu: '500m', memory: '384Mi' },
  },
};

/** The emulators and the jobs are small and short-lived. */
export const SUPPORT_RESOURCES: Resources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** The secret variables each app reads (as secretKeyRefs into SECRET_NAME). */
export const APP_SECRETS: Record<ConveyorApp, readonly string[]> = {
  'order-api': [
    'DATABASE_URL',
    'DATABASE_PASSWORD',
    'AUTH_JWT_SECRET',
    'STRIPE_WEBHOOK_SECRET',
    'PII_KEYS_SHIPPING',
    'PII_KEYS_PAYMENT',
  ],
  'payment-worker': ['DATABASE_URL', 'DATABASE_PASSWORD', 'STRIPE_SECRET_KEY', 'PII_KEYS_PAYMENT'],
  'inventory-worker': ['DATABASE_URL', 'DATABASE_PASSWORD'],
  // Each worker reads only the keyring of the personal data it needs (docs/personal-data.md).
  'shipping-worker': ['DATABASE_URL', 'DATABASE_PASSWORD', 'PII_KEYS_SHIPPING'],
};

/** CONSUMER_CONCURRENCY of every worker: the apps' default, and the bench's setting. */
export const CONSUMER_CONCURRENCY = 10;
/** How long an order may wait in a worker's queue during a spike before KEDA adds replicas. */
export const ACCEPTABLE_QUEUE_WAIT_SECONDS = 10;
export const WORKER_REPLICAS: Record<WorkerApp, { min: number; max: number }> = {
  'payment-worker': { min: 1, max: 10 },
  'inventory-worker': { min: 1, max: 6 },
  'shipping-worker': { min: 1, max: 6 },
};
export const ORDER_API_REPLICAS = { min: 2, max: 8, cpuUtilization: 70 };

/**
 * Above the drain: SIGTERM stops the receives at once, then waits for every message in flight.
 * A handler is built to finish within its queue's visibility timeout (the heartbeat renews it;
 * payments' 60 s covers a Stripe call's 20 s timeout and its one retry), then the outbox flushes
 * and the pools close. The margin covers that tail and the kubelet's own delay.
 */
export const DRAIN_MARGIN_SECONDS = 30;

/** One place to run: its queue topology, region and (for emulators) endpoints. */
export interface K8sEnvironment {
  /** Names the queues: `conveyor-<name>-`. */
  name: string;
  mode: QueueMode;
  maxReceiveCount: number;
  region: string;
  /** Placeholder in committed files; the aws overlay replaces it from params.env. */
  accountId: string;
  databaseSsl: 'disable' | 'require' | 'verify-full';
  logLevel: 'info' | 'debug';
}

/** The base: production-shaped, for a real AWS account (the aws overlay fills in which). */
export const BASE_ENVIRONMENT: K8sEnvironment = {
  name: 'prod',
  mode: 'standard',
  maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT,
  region: 'us-east-1',
  accountId: '000000000000',
  databaseSsl: 'verify-full',
  logLevel: 'info',
};

/** kind or minikube, with the SQS and Stripe emulators and PostgreSQL in the cluster. */
export const LOCAL_ENVIRONMENT: K8sEnvironment = {
  ...BASE_ENVIRONMENT,
  name: 'local',
  databaseSsl: 'disable',
};

export function queuePrefix(environment: K8sEnvironment): string {
  return `conveyor-${environment.name}-`;
}

/**
 * The IAM role of `app` in `environment`, which the CDK part creates with exactly the app's
 * queueAccessOf permissions; the aws overlay annotates the app's ServiceAccount with it.
 */
export function iamRoleName(app: ConveyorApp, environment: K8sEnvironment): string {
  return `conveyor-${environment.name}-${app}`;
}
