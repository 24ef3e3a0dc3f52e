import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { ITriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { findQueuePair, queueConsumedBy, resolveQueueTopology } from '@conveyor/messaging';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { backlogPerReplicaTarget, type WorkerApp } from '../../scaling/worker-scaling';
import { appLabels } from './app-workload.builder';
import {
  ACCEPTABLE_QUEUE_WAIT_SECONDS,
  APP_RESOURCES,
  CONSUMER_CONCURRENCY,
  ORDER_API_REPLICAS,
  TRIGGER_AUTH_NAME,
  WORKER_REPLICAS,
  queuePrefix,
  type K8sEnvironment,
} from './k8s.settings';

export const SQS_TRIGGER_TYPE = 'aws-sqs-queue';

/** The name of the queue `app` consumes in `environment`, from the topology. */
export function consumedQueueName(app: WorkerApp, environment: K8sEnvironment): string {
  const topology = resolveQueueTopology({
    prefix: queuePrefix(environment),
    mode: environment.mode,
    maxReceiveCount: environment.maxReceiveCount,
  });
  return findQueuePair(topology, queueConsumedBy(app)).work.name;
}

export function sqsOrigin(environment: K8sEnvironment): string {
  return `https://sqs.${environment.region}.amazonaws.com`;
}

/** SQS's queue URL form, which KEDA parses for the queue's name (path: /<account>/<name>). */
export function queueUrl(app: WorkerApp, environment: K8sEnvironment, origin: string): string {
  return `${origin}/${environment.accountId}/${consumedQueueName(app, environment)}`;
}

/** Kubernetes CPU quantity ('250m', '1') in cores. */
export function cores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** KEDA's queueLength: the backlog one replica drains within the acceptable wait (infra/scaling). */
export function workerQueueLength(app: WorkerApp): number {
  const shape = { vcpu: cores(APP_RESOURCES[app].requests.cpu), concurrency: CONSUMER_CONCURRENCY };
  return backlogPerReplicaTarget(app, shape, ACCEPTABLE_QUEUE_WAIT_SECONDS);
}

export function workerScaledObject(app: WorkerApp, environment: K8sEnvironment): IScaledObject {
  const replicas = WORKER_REPLICAS[app];
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: app, labels: appLabels(app) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
      minReplicaCount: replicas.min,
      maxReplicaCount: replicas.max,
      pollingInterval: 15,
      // A spike's backlog drains in tens of seconds; five quiet minutes before giving pods back.
      cooldownPeriod: 300,
      triggers: [
        {
          type: SQS_TRIGGER_TYPE,
          authenticationRef: { name: TRIGGER_AUTH_NAME },
          metadata: {
            queueURL: queueUrl(app, environment, sqsOrigin(environment)),
            queueLength: String(workerQueueLength(app)),
            // Any message wakes a worker scaled to zero (minReplicaCount 0 in an overlay).
            activationQueueLength: '0',
            awsRegion: environment.region,
          },
        },
      ],
    },
  };
}

/**
 * KEDA asks SQS for the queue's depth as the scaled workload itself: it assumes that
 * Deployment's IAM role, which already may GetQueueAttributes on its own queue (queueAccessOf).
 */
export function sqsTriggerAuthentication(): ITriggerAuthentication {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name: TRIGGER_AUTH_NAME, labels: { 'app.kubernetes.io/part-of': 'conveyor' } },
    spec: { podIdentity: { provider: 'aws', identityOwner: 'workload' } },
  };
}

export function orderApiAutoscaler(): IHorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'order-api', labels: appLabels('order-api') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'order-api' },
      minReplicas: ORDER_API_REPLICAS.min,
      maxReplicas: ORDER_API_REPLICAS.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: ORDER_API_REPLICAS.cpuUtilization },
          },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}
