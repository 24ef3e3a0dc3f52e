import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import { APP_USER, CONFIG_MAP_NAME, SECRET_NAME, type Resources } from './k8s.settings';

export interface RunAs {
  uid: number;
  gid: number;
}

/** The restricted Pod Security Standard, with the user given by number so the kubelet can check it. */
export function podSecurity(user: RunAs = APP_USER): IPodSpec['securityContext'] {
  return {
    runAsNonRoot: true,
    runAsUser: user.uid,
    runAsGroup: user.gid,
    fsGroup: user.gid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function containerSecurity(): IContainer['securityContext'] {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

/** Writable scratch space: the root filesystem is read-only, and Node and libraries use /tmp. */
export function scratchVolumes(extra: Record<string, string> = {}): {
  volumes: IVolume[];
  volumeMounts: IVolumeMount[];
} {
  const mounts = { tmp: '/tmp', ...extra };
  return {
    volumes: Object.keys(mounts).map((name) => ({ name, emptyDir: {} })),
    volumeMounts: Object.entries(mounts).map(([name, mountPath]) => ({ name, mountPath })),
  };
}

export function secretEnv(keys: readonly string[]): IEnvVar[] {
  return keys.map((key) => ({
    name: key,
    valueFrom: { secretKeyRef: { name: SECRET_NAME, key, optional: key === 'DATABASE_PASSWORD' } },
  }));
}

export function configEnvFrom(): IContainer['envFrom'] {
  return [{ configMapRef: { name: CONFIG_MAP_NAME } }];
}

export function httpProbe(path: string, port: string, periodSeconds: number): IProbe {
  return { httpGet: { path, port }, periodSeconds, timeoutSeconds: 5, failureThreshold: 3 };
}

export function tcpProbe(port: string): IProbe {
  return { tcpSocket: { port }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 };
}

export interface ContainerShape {
  name: string;
  image: string;
  resources: Resources;
  ports?: { name: string; containerPort: number }[];
  args?: string[];
  command?: string[];
  env?: IEnvVar[];
  envFrom?: IContainer['envFrom'];
  probes?: Pick<IContainer, 'livenessProbe' | 'readinessProbe' | 'startupProbe'>;
  volumeMounts?: IVolumeMount[];
}

export function container(shape: ContainerShape): IContainer {
  const { probes, resources, ...rest } = shape;
  return {
    ...rest,
    ...probes,
    resources: { requests: { ...resources.requests }, limits: { ...resources.limits } },
    securityContext: containerSecurity(),
  };
}

/** A pod that never talks to the Kubernetes API (IRSA and Pod Identity mount their own token). */
export function podSpec(
  containers: IContainer[],
  options: Partial<IPodSpec> & { user?: RunAs } = {},
): IPodSpec {
  const { user, ...rest } = options;
  return {
    automountServiceAccountToken: false,
    securityContext: podSecurity(user),
    containers,
    ...rest,
  };
}
