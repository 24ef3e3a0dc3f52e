import { WORKER_APPS, type WorkerApp } from '../../scaling/worker-scaling';
import { queueUrl } from './autoscaling.builder';
import { configData, opsJob } from './base-config.builder';
import {
  CONFIG_MAP_NAME,
  LOCAL_ENVIRONMENT,
  MIGRATE_JOB_NAME,
  NAMESPACE,
  SECRET_NAME,
  TRIGGER_AUTH_NAME,
} from './k8s.settings';
import {
  SQS_EMULATOR,
  STRIPE_EMULATOR,
  emulatorObjects,
  postgresObjects,
  serviceUrl,
} from './local-services.builder';
import type { ManifestFile } from './manifest-file';

const DIR = 'overlays/local';
/** Git-ignored; `secrets.env.example` beside it says what it holds. */
export const LOCAL_SECRETS_FILE = 'secrets.env';

/** The variables of conveyor-secrets, with values that work against the local stand-ins. */
export const LOCAL_SECRET_EXAMPLE: Record<string, string> = {
  DATABASE_URL: 'postgres://postgres@postgres:5432/conveyor',
  DATABASE_PASSWORD: 'change-me',
  AUTH_JWT_SECRET: 'change-me-to-32-or-more-random-characters',
  STRIPE_SECRET_KEY: 'sk_test_local',
  // The emulator signs its webhooks with it and the order API verifies them: whsec_ then
  // letters and digits; replace it with `whsec_$(openssl rand -hex 32)`.
  STRIPE_WEBHOOK_SECRET: 'whsec_changeme0local0webhook0signing0secret',
  // kid:base64 of 32 bytes; replace each with `openssl rand -base64 32` (docs/personal-data.md).
  PII_KEYS_SHIPPING: 'local1:Y2hhbmdlLW1lLXNoaXBwaW5nLWtleS0zMi1ieXRlcyE=',
  PII_KEYS_PAYMENT: 'local1:Y2hhbmdlLW1lLXBheW1lbnQta2V5LS0zMi1ieXRlcyE=',
  // KEDA signs its GetQueueAttributes calls; the emulator accepts any key.
  SQS_EMULATOR_ACCESS_KEY_ID: 'local',
  SQS_EMULATOR_SECRET_ACCESS_KEY: 'local',
};

type JsonPatch = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[];

function scaledObjectPatch(app: WorkerApp): JsonPatch {
  const metadata = '/spec/triggers/0/metadata';
  const origin = serviceUrl(SQS_EMULATOR);
  return [
    {
      op: 'replace',
      path: `${metadata}/queueURL`,
      value: queueUrl(app, LOCAL_ENVIRONMENT, origin),
    },
    { op: 'add', path: `${metadata}/awsEndpoint`, value: origin },
  ];
}

/** Static keys from the Secret instead of an IAM role, which the emulator does not know. */
const triggerAuthPatch: JsonPatch = [
  { op: 'remove', path: '/spec/podIdentity' },
  {
    op: 'add',
    path: '/spec/secretTargetRef',
    value: [
      { parameter: 'awsAccessKeyID', name: SECRET_NAME, key: 'SQS_EMULATOR_ACCESS_KEY_ID' },
      { parameter: 'awsSecretAccessKey', name: SECRET_NAME, key: 'SQS_EMULATOR_SECRET_ACCESS_KEY' },
    ],
  },
];

/** The demo catalogue, so that orders can be placed at once. */
const seedPatch: JsonPatch = [
  { op: 'add', path: '/spec/template/spec/containers/0/command/-', value: '--seed' },
  {
    op: 'add',
    path: '/spec/template/spec/containers/0/command/-',
    value: 'tools/local-stack/seed-catalog.json',
  },
];

function configPatch() {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP_NAME },
    data: {
      ...configData(LOCAL_ENVIRONMENT),
      SQS_ENDPOINT: serviceUrl(SQS_EMULATOR),
      STRIPE_API_BASE_URL: serviceUrl(STRIPE_EMULATOR),
    },
  };
}

function kustomization(patches: { path: string; target: object }[]) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Also for what this overlay generates: the base's namespace covers only the base.
    namespace: NAMESPACE,
    resources: ['../../base', 'postgres.yaml', 'emulators.yaml', 'provision-queues-job.yaml'],
    secretGenerator: [{ name: SECRET_NAME, envs: [LOCAL_SECRETS_FILE] }],
    // KEDA's TriggerAuthentication names the Secret, and kustomize rewrites no name in a CRD.
    generatorOptions: { disableNameSuffixHash: true },
    patches: [{ path: 'config.patch.yaml' }, ...patches],
  };
}

export function localOverlayFiles(): ManifestFile[] {
  const workerPatches = WORKER_APPS.map((app) => ({
    file: { path: `${DIR}/scaled-object-${app}.patch.yaml`, documents: [scaledObjectPatch(app)] },
    target: { group: 'keda.sh', kind: 'ScaledObject', name: app },
  }));
  const patches = [
    ...workerPatches,
    {
      file: { path: `${DIR}/trigger-authentication.patch.yaml`, documents: [triggerAuthPatch] },
      target: { group: 'keda.sh', kind: 'TriggerAuthentication', name: TRIGGER_AUTH_NAME },
    },
    {
      file: { path: `${DIR}/migrate-seed.patch.yaml`, documents: [seedPatch] },
      target: { group: 'batch', kind: 'Job', name: MIGRATE_JOB_NAME },
    },
  ];
  const provision = opsJob({
    name: 'conveyor-provision-queues',
    command: ['node', '--enable-source-maps', 'dist/tools/cli/provision-queues.main.js'],
    secrets: [],
  });
  const example = Object.entries(LOCAL_SECRET_EXAMPLE).map(([key, value]) => `${key}=${value}`);
  return [
    {
      path: `${DIR}/kustomization.yaml`,
      documents: [
        kustomization(
          patches.map(({ file, target }) => ({ path: file.path.slice(DIR.length + 1), target })),
        ),
      ],
    },
    { path: `${DIR}/config.patch.yaml`, documents: [configPatch()] },
    ...patches.map(({ file }) => file),
    { path: `${DIR}/postgres.yaml`, documents: postgresObjects() },
    {
      path: `${DIR}/emulators.yaml`,
      documents: [...emulatorObjects(SQS_EMULATOR), ...emulatorObjects(STRIPE_EMULATOR)],
    },
    { path: `${DIR}/provision-queues-job.yaml`, documents: [provision] },
    { path: `${DIR}/${LOCAL_SECRETS_FILE}.example`, text: `${example.join('\n')}\n` },
  ];
}
