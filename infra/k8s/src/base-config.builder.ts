import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import { imageTag } from '../../../tools/images/image.catalog';
import {
  CONFIG_MAP_NAME,
  MIGRATE_JOB_NAME,
  NAMESPACE,
  SUPPORT_RESOURCES,
  queuePrefix,
  type K8sEnvironment,
} from './k8s.settings';
import {
  configEnvFrom,
  container,
  podSpec,
  scratchVolumes,
  secretEnv,
} from './pod-template.builder';

const PART_OF = { 'app.kubernetes.io/part-of': 'conveyor' };

export function conveyorNamespace(): INamespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: NAMESPACE,
      // Every pod here meets the restricted Pod Security Standard; admission refuses the rest.
      labels: { ...PART_OF, 'pod-security.kubernetes.io/enforce': 'restricted' },
    },
  };
}

/** What every process reads besides its secrets (SQS_MAX_RECEIVE_COUNT is the topology's). */
export function configData(environment: K8sEnvironment): Record<string, string> {
  return {
    AWS_REGION: environment.region,
    DATABASE_SSL: environment.databaseSsl,
    LOG_LEVEL: environment.logLevel,
    QUEUE_MODE: environment.mode,
    SQS_MAX_RECEIVE_COUNT: String(environment.maxReceiveCount),
    SQS_QUEUE_PREFIX: queuePrefix(environment),
  };
}

export function conveyorConfigMap(environment: K8sEnvironment): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP_NAME, labels: PART_OF },
    data: configData(environment),
  };
}

export interface OpsJobShape {
  name: string;
  command: string[];
  secrets: readonly string[];
}

/**
 * A one-shot run of the ops image. Finished jobs are deleted after ten minutes, so that the next
 * `kubectl apply` creates the job again (a job's template cannot be changed in place) and it
 * runs again: migrations and queue provisioning are idempotent.
 */
export function opsJob(shape: OpsJobShape): IJob {
  const scratch = scratchVolumes();
  const ops = container({
    name: shape.name,
    image: imageTag('ops'),
    command: shape.command,
    resources: SUPPORT_RESOURCES,
    envFrom: configEnvFrom(),
    env: secretEnv(shape.secrets),
    volumeMounts: scratch.volumeMounts,
  });
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: shape.name, labels: { ...PART_OF, 'app.kubernetes.io/name': shape.name } },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: { ...PART_OF, 'app.kubernetes.io/name': shape.name } },
        spec: podSpec([ops], { restartPolicy: 'Never', volumes: scratch.volumes }),
      },
    },
  };
}

/** Every service's migrations, each into its own schema (tools/cli/migrate-all.main.ts). */
export function migrateJob(): IJob {
  return opsJob({
    name: MIGRATE_JOB_NAME,
    command: ['node', '--enable-source-maps', 'dist/tools/cli/migrate-all.main.js'],
    secrets: ['DATABASE_URL', 'DATABASE_PASSWORD'],
  });
}
