import type { ConveyorApp } from '@conveyor/contracts';
import { resolveQueueTopology } from '@conveyor/messaging';
import type { IDeployment } from './k8s-types';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { APP_IMAGE_PORTS, imageTag } from '../../../tools/images/image.catalog';
import { isWorkerApp } from '../../scaling/worker-scaling';
import {
  APP_RESOURCES,
  APP_SECRETS,
  CONSUMER_CONCURRENCY,
  DRAIN_MARGIN_SECONDS,
  type K8sEnvironment,
} from './k8s.settings';
import {
  configEnvFrom,
  container,
  httpProbe,
  podSpec,
  scratchVolumes,
  secretEnv,
} from './pod-template.builder';

export const HTTP_PORT_NAME = 'http';

export function appLabels(app: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'conveyor' };
}

function selectorLabels(app: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app };
}

/** The drain's bound (the longest visibility timeout) plus a margin: see DRAIN_MARGIN_SECONDS. */
export function terminationGraceSeconds(environment: K8sEnvironment): number {
  const topology = resolveQueueTopology({
    prefix: '',
    mode: environment.mode,
    maxReceiveCount: environment.maxReceiveCount,
  });
  const longest = Math.max(...topology.pairs.map((pair) => pair.work.visibilityTimeoutSeconds));
  return longest + DRAIN_MARGIN_SECONDS;
}

function appContainer(app: ConveyorApp) {
  const port = APP_IMAGE_PORTS[app];
  const workerEnv = isWorkerApp(app)
    ? [{ name: 'CONSUMER_CONCURRENCY', value: String(CONSUMER_CONCURRENCY) }]
    : [];
  return container({
    name: app,
    image: imageTag(app),
    resources: APP_RESOURCES[app],
    ports: [{ name: HTTP_PORT_NAME, containerPort: port }],
    envFrom: configEnvFrom(),
    env: [...workerEnv, ...secretEnv(APP_SECRETS[app])],
    probes: {
      // Nest builds its module graph and connects before it listens: up to a minute to start.
      startupProbe: { ...httpProbe('/health/live', HTTP_PORT_NAME, 2), failureThreshold: 30 },
      livenessProbe: httpProbe('/health/live', HTTP_PORT_NAME, 10),
      readinessProbe: httpProbe('/health/ready', HTTP_PORT_NAME, 5),
    },
    volumeMounts: scratchVolumes().volumeMounts,
  });
}

export function appDeployment(app: ConveyorApp, environment: K8sEnvironment): IDeployment {
  const port = APP_IMAGE_PORTS[app];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, labels: appLabels(app) },
    spec: {
      // No replicas: the HPA (order-api) or KEDA (workers) owns the count.
      selector: { matchLabels: selectorLabels(app) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: appLabels(app),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: podSpec([appContainer(app)], {
          serviceAccountName: app,
          terminationGracePeriodSeconds: terminationGraceSeconds(environment),
          volumes: scratchVolumes().volumes,
        }),
      },
    },
  };
}

/** Every app gets one: the API's clients use it, and metrics scrapers find the workers by it. */
export function appService(app: ConveyorApp): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app, labels: appLabels(app) },
    spec: {
      selector: selectorLabels(app),
      ports: [{ name: HTTP_PORT_NAME, port: APP_IMAGE_PORTS[app], targetPort: HTTP_PORT_NAME }],
    },
  };
}

/** One pod at a time may be evicted: minAvailable would block a node drain at one replica. */
export function appDisruptionBudget(app: ConveyorApp): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app, labels: appLabels(app) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(app) } },
  };
}

/** One per app, so that each gets only its own IAM role (the aws overlay annotates it). */
export function appServiceAccount(app: ConveyorApp): IServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: app, labels: appLabels(app) },
    automountServiceAccountToken: false,
  };
}
