import { CONVEYOR_APPS } from '@conveyor/contracts';
import { imageTag, type ImageTarget } from '../../../tools/images/image.catalog';
import { WORKER_APPS } from '../../scaling/worker-scaling';
import {
  BASE_ENVIRONMENT,
  CONFIG_MAP_NAME,
  MIGRATE_JOB_NAME,
  NAMESPACE,
  iamRoleName,
  type K8sEnvironment,
} from './k8s.settings';
import type { ManifestFile } from './manifest-file';

const DIR = 'overlays/aws';
/** Hand-edited by the operator (not generated): the account, region and image tag. */
export const AWS_PARAMS_FILE = 'params.env';
export const AWS_PARAMS_CONFIG_MAP = 'conveyor-aws-params';
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** Created by the operator from the RDS CA bundle (docs/deploy.md); verify-full needs it. */
export const DATABASE_CA = {
  configMap: 'database-ca',
  key: 'ca.pem',
  dir: '/etc/conveyor/database-ca',
};

/** Images pulled from the account's ECR; the replacements put in the account and region. */
export function ecrImageName(target: ImageTarget, environment: K8sEnvironment): string {
  const repository = imageTag(target).split(':')[0];
  return `${environment.accountId}.dkr.ecr.${environment.region}.amazonaws.com/${repository}`;
}

/** Where each runtime image appears: a Deployment's or Job's container of that name. */
const IMAGE_USES: { kind: string; name: string; container: string; image: ImageTarget }[] = [
  ...CONVEYOR_APPS.map((app) => ({ kind: 'Deployment', name: app, container: app, image: app })),
  { kind: 'Job', name: MIGRATE_JOB_NAME, container: MIGRATE_JOB_NAME, image: 'ops' },
];

/** One file per ServiceAccount: kustomize's `patches` take one document per file. */
function serviceAccountPatches(): ManifestFile[] {
  return CONVEYOR_APPS.map((app) => ({
    path: `${DIR}/service-account-${app}.patch.yaml`,
    documents: [
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name: app,
          annotations: {
            [ROLE_ARN_ANNOTATION]: `arn:aws:iam::${BASE_ENVIRONMENT.accountId}:role/${iamRoleName(app, BASE_ENVIRONMENT)}`,
          },
        },
      },
    ],
  }));
}

/** Every pod that connects to PostgreSQL gets the CA bundle; the ConfigMap names the file. */
function databaseCaFiles(): {
  files: ManifestFile[];
  patches: { path: string; target?: object }[];
} {
  const mount: object[] = [
    {
      op: 'add',
      path: '/spec/template/spec/volumes/-',
      value: { name: 'database-ca', configMap: { name: DATABASE_CA.configMap } },
    },
    {
      op: 'add',
      path: '/spec/template/spec/containers/0/volumeMounts/-',
      value: { name: 'database-ca', mountPath: DATABASE_CA.dir, readOnly: true },
    },
  ];
  const config = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP_NAME },
    data: { DATABASE_SSL_CA_FILE: `${DATABASE_CA.dir}/${DATABASE_CA.key}` },
  };
  const files = [
    { path: `${DIR}/database-ca-mount.patch.yaml`, documents: [mount] },
    { path: `${DIR}/database-ca-config.patch.yaml`, documents: [config] },
  ];
  const patches = [
    ...['Deployment', 'Job'].map((kind) => ({
      path: 'database-ca-mount.patch.yaml',
      target: { kind, labelSelector: 'app.kubernetes.io/part-of=conveyor' },
    })),
    { path: 'database-ca-config.patch.yaml' },
  ];
  return { files, patches };
}

type Target = { select: { kind: string; name?: string }; fieldPaths: string[]; options?: object };

/** One parameter of params.env into parts of fields (split at `delimiter`, part `index`). */
function replacement(key: string, targets: Target[]) {
  return {
    source: { kind: 'ConfigMap', name: AWS_PARAMS_CONFIG_MAP, fieldPath: `data.${key}` },
    targets,
  };
}

function imageTargets(delimiter: string, index: number): Target[] {
  return IMAGE_USES.map((use) => ({
    select: { kind: use.kind, name: use.name },
    fieldPaths: [`spec.template.spec.containers.[name=${use.container}].image`],
    options: { delimiter, index },
  }));
}

function replacements() {
  const queueUrls = (delimiter: string, index: number): Target[] =>
    WORKER_APPS.map((app) => ({
      select: { kind: 'ScaledObject', name: app },
      fieldPaths: ['spec.triggers.0.metadata.queueURL'],
      options: { delimiter, index },
    }));
  return [
    replacement('AWS_ACCOUNT_ID', [
      {
        select: { kind: 'ServiceAccount' },
        fieldPaths: [`metadata.annotations.[${ROLE_ARN_ANNOTATION}]`],
        // arn:aws:iam::<account>:role/<name>
        options: { delimiter: ':', index: 4 },
      },
      // https://sqs.<region>.amazonaws.com/<account>/<queue>
      ...queueUrls('/', 3),
      // <account>.dkr.ecr.<region>.amazonaws.com/conveyor/<target>:<tag>
      ...imageTargets('.', 0),
    ]),
    replacement('AWS_REGION', [
      { select: { kind: 'ConfigMap', name: CONFIG_MAP_NAME }, fieldPaths: ['data.AWS_REGION'] },
      ...WORKER_APPS.map((app) => ({
        select: { kind: 'ScaledObject', name: app },
        fieldPaths: ['spec.triggers.0.metadata.awsRegion'],
      })),
      ...queueUrls('.', 1),
      ...imageTargets('.', 3),
    ]),
    replacement('IMAGE_TAG', imageTargets(':', 1)),
  ];
}

function kustomization(patches: readonly ManifestFile[], more: object[]) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    // Also for what this overlay generates: the base's namespace covers only the base.
    namespace: NAMESPACE,
    resources: ['../../base'],
    configMapGenerator: [
      {
        name: AWS_PARAMS_CONFIG_MAP,
        envs: [AWS_PARAMS_FILE],
        // Read by the replacements only; local-config keeps it out of the output.
        options: {
          disableNameSuffixHash: true,
          annotations: { 'config.kubernetes.io/local-config': 'true' },
        },
      },
    ],
    images: IMAGE_USES.map(({ image }) => ({
      name: imageTag(image).split(':')[0],
      newName: ecrImageName(image, BASE_ENVIRONMENT),
    })),
    patches: [...patches.map((patch) => ({ path: patch.path.slice(DIR.length + 1) })), ...more],
    replacements: replacements(),
  };
}

export function awsOverlayFiles(): ManifestFile[] {
  const patches = serviceAccountPatches();
  const ca = databaseCaFiles();
  return [
    { path: `${DIR}/kustomization.yaml`, documents: [kustomization(patches, ca.patches)] },
    ...patches,
    ...ca.files,
  ];
}
