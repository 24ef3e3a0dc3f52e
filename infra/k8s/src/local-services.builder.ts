import type { IDeployment } from './k8s-types';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import { APP_IMAGE_PORTS, imageTag } from '../../../tools/images/image.catalog';
import { appLabels } from './app-workload.builder';
import { NAMESPACE, SECRET_NAME, SUPPORT_RESOURCES } from './k8s.settings';
import { container, podSpec, scratchVolumes, secretEnv, tcpProbe } from './pod-template.builder';

/** A stand-in the local overlay runs in the cluster, in place of a managed AWS service. */
interface LocalService {
  name: string;
  image: string;
  port: number;
  args?: string[];
  env?: IEnvVar[];
  /** Writable directories beyond /tmp, by volume name. */
  scratch?: Record<string, string>;
}

export const SQS_EMULATOR: LocalService = {
  name: 'sqs-emulator',
  image: imageTag('sqs-emulator'),
  port: 9324,
  // <port> <data directory>: the directory is the pod's, so queues live as long as the pod.
  args: ['9324', '/data'],
  scratch: { data: '/data' },
};

/** The order API's Service, where the Stripe emulator sends its webhooks. */
const ORDER_API_URL = `http://order-api.${NAMESPACE}.svc.cluster.local:${APP_IMAGE_PORTS['order-api']}`;

export const STRIPE_EMULATOR: LocalService = {
  name: 'stripe-emulator',
  image: imageTag('stripe-emulator'),
  port: 12111,
  // Signed with the order API's own STRIPE_WEBHOOK_SECRET, which Kubernetes expands into $(…).
  args: [
    '--port',
    '12111',
    '--webhook-url',
    `${ORDER_API_URL}/webhooks/stripe`,
    '--webhook-secret',
    '$(STRIPE_WEBHOOK_SECRET)',
  ],
  env: secretEnv(['STRIPE_WEBHOOK_SECRET']),
};

/** postgres:15 runs as its own `postgres` user (999) when it starts unprivileged. */
const POSTGRES_USER = { uid: 999, gid: 999 };
const POSTGRES_PORT = 5432;

/** By the cluster's DNS name: KEDA's operator asks the emulator from its own namespace. */
export function serviceUrl(service: LocalService): string {
  return `http://${service.name}.${NAMESPACE}.svc.cluster.local:${service.port}`;
}

function service(name: string, port: number): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: appLabels(name) },
    spec: {
      selector: { 'app.kubernetes.io/name': name },
      ports: [{ name: 'tcp', port, targetPort: 'tcp' }],
    },
  };
}

function singleton(name: string, spec: ReturnType<typeof podSpec>): IDeployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: appLabels(name) },
    spec: {
      replicas: 1,
      // One instance owns its data: the old pod stops before the new one starts.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: { metadata: { labels: appLabels(name) }, spec },
    },
  };
}

export function emulatorObjects(emulator: LocalService): [IDeployment, IService] {
  const scratch = scratchVolumes(emulator.scratch);
  const main = container({
    name: emulator.name,
    image: emulator.image,
    args: emulator.args,
    env: emulator.env,
    resources: SUPPORT_RESOURCES,
    ports: [{ name: 'tcp', containerPort: emulator.port }],
    probes: { livenessProbe: tcpProbe('tcp'), readinessProbe: tcpProbe('tcp') },
    volumeMounts: scratch.volumeMounts,
  });
  const spec = podSpec([main], { volumes: scratch.volumes, terminationGracePeriodSeconds: 10 });
  return [singleton(emulator.name, spec), service(emulator.name, emulator.port)];
}

export function postgresObjects(): [IPersistentVolumeClaim, IDeployment, IService] {
  const scratch = scratchVolumes({ run: '/var/run/postgresql' });
  const main = container({
    name: 'postgres',
    image: 'postgres:15',
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    ports: [{ name: 'tcp', containerPort: POSTGRES_PORT }],
    env: [
      {
        name: 'POSTGRES_PASSWORD',
        valueFrom: { secretKeyRef: { name: SECRET_NAME, key: 'DATABASE_PASSWORD' } },
      },
      { name: 'POSTGRES_DB', value: 'conveyor' },
      // A subdirectory: the volume's root may hold lost+found, which initdb refuses.
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ],
    probes: { livenessProbe: tcpProbe('tcp'), readinessProbe: tcpProbe('tcp') },
    volumeMounts: [
      ...scratch.volumeMounts,
      { name: 'postgres-data', mountPath: '/var/lib/postgresql/data' },
    ],
  });
  const volumes = [
    ...scratch.volumes,
    { name: 'postgres-data', persistentVolumeClaim: { claimName: 'postgres-data' } },
  ];
  const claim: IPersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'postgres-data', labels: appLabels('postgres') },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
  };
  const spec = podSpec([main], { volumes, user: POSTGRES_USER });
  return [claim, singleton('postgres', spec), service('postgres', POSTGRES_PORT)];
}
