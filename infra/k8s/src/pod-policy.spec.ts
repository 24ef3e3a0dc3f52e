import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONVEYOR_APPS } from '@conveyor/contracts';
import { resolveQueueTopology } from '@conveyor/messaging';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { IMAGE_TARGETS, imageTag, type ImageTarget } from '../../../tools/images/image.catalog';
import { BASE_ENVIRONMENT, APP_USER } from './k8s.settings';
import { KUSTOMIZATIONS, objectsOfKind, renderAll, type K8sObject } from './k8s-render.fixture';
import { repoRoot } from './manifest.writer';

const rendered = renderAll();

type Workload = K8sObject & {
  spec: { template: { metadata: { labels: object }; spec: IPodSpec } };
};
function workloads(objects: K8sObject[]): Workload[] {
  return objects.filter((object) => ['Deployment', 'Job'].includes(object.kind)) as Workload[];
}

function probePort(probe: IProbe | undefined): string | number | undefined {
  return probe?.httpGet?.port ?? probe?.tcpSocket?.port;
}

/** The catalog's tag for an image, with the aws overlay's registry (if any) taken off. */
function catalogImage(image: string): ImageTarget | undefined {
  const tag = image.replace(/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//, '');
  return IMAGE_TARGETS.find((target) => imageTag(target) === tag);
}

describe.each(KUSTOMIZATIONS)('pods of %s', (name) => {
  const objects = rendered[name];

  it('probe only ports their container declares', () => {
    for (const workload of workloads(objects)) {
      for (const container of workload.spec.template.spec.containers) {
        const declared = (container.ports ?? []).flatMap((port) => [port.name, port.containerPort]);
        const probes = [container.livenessProbe, container.readinessProbe, container.startupProbe];
        for (const port of probes.map(probePort).filter((port) => port !== undefined)) {
          expect({ container: container.name, port }).toEqual({
            container: container.name,
            port: declared.includes(port) ? port : 'a port the container declares',
          });
        }
      }
    }
  });

  it('run each app on /health/live and /health/ready, from its own catalog image', () => {
    for (const app of CONVEYOR_APPS) {
      const deployment = workloads(objects).find((workload) => workload.metadata.name === app)!;
      const [container] = deployment.spec.template.spec.containers;
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(catalogImage(container.image!)).toBe(app);
      if (name !== 'overlays/aws') expect(container.image).toBe(imageTag(app));
    }
  });

  it('use only images of the catalog, besides PostgreSQL in the local overlay', () => {
    const images = workloads(objects).flatMap((workload) =>
      workload.spec.template.spec.containers.map((container) => container.image!),
    );
    const foreign = images.filter((image) => catalogImage(image) === undefined);
    expect(foreign).toEqual(name === 'overlays/local' ? ['postgres:15'] : []);
  });

  it('run unprivileged: non-root by number, read-only root, no capabilities, RuntimeDefault', () => {
    for (const workload of workloads(objects)) {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: expect.any(Number),
        runAsGroup: expect.any(Number),
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.securityContext!.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources).toMatchObject({
          requests: { cpu: expect.any(String), memory: expect.any(String) },
          limits: { cpu: expect.any(String), memory: expect.any(String) },
        });
        expect(mountPaths(container)).toContain('/tmp');
      }
    }
  });

  it('give every app a disruption budget and a grace period longer than its drain', () => {
    const topology = resolveQueueTopology({ prefix: '', mode: BASE_ENVIRONMENT.mode });
    const longestLease = Math.max(
      ...topology.pairs.map((pair) => pair.work.visibilityTimeoutSeconds),
    );
    const budgets = objectsOfKind(objects, 'PodDisruptionBudget');
    for (const app of CONVEYOR_APPS) {
      const deployment = workloads(objects).find((workload) => workload.metadata.name === app)!;
      const labels = deployment.spec.template.metadata.labels;
      const covering = budgets.filter((budget) => {
        const selector = (budget.spec as { selector: { matchLabels: object } }).selector;
        return Object.entries(selector.matchLabels).every(
          ([key, value]) => labels[key as never] === value,
        );
      });
      expect({ app, budgets: covering.length }).toEqual({ app, budgets: 1 });
      const grace = deployment.spec.template.spec.terminationGracePeriodSeconds!;
      expect(grace).toBeGreaterThan(longestLease);
    }
  });
});

function mountPaths(container: IContainer): string[] {
  return (container.volumeMounts ?? []).map((mount) => mount.mountPath);
}

describe('the image user', () => {
  it('is the Dockerfile fixed uid and gid, which the pods run as', () => {
    const dockerfile = readFileSync(path.join(repoRoot(), 'infra/docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(new RegExp(`groupadd --system --gid ${APP_USER.gid} app\\b`));
    expect(dockerfile).toMatch(new RegExp(`useradd --system --uid ${APP_USER.uid} --gid app\\b`));
    for (const app of CONVEYOR_APPS) {
      const deployment = workloads(rendered.base).find(
        (workload) => workload.metadata.name === app,
      )!;
      expect(deployment.spec.template.spec.securityContext).toMatchObject({
        runAsUser: APP_USER.uid,
        runAsGroup: APP_USER.gid,
      });
    }
  });
});

describe('the database CA in the aws overlay', () => {
  it('is mounted where DATABASE_SSL_CA_FILE points, in every pod that connects', () => {
    const objects = rendered['overlays/aws'];
    const config = objects.find((object) => object.metadata.name === 'conveyor-config')!;
    const { DATABASE_SSL, DATABASE_SSL_CA_FILE } = config.data as Record<string, string>;
    expect(DATABASE_SSL).toBe('verify-full');
    for (const workload of workloads(objects)) {
      const [container] = workload.spec.template.spec.containers;
      const dir = path.posix.dirname(DATABASE_SSL_CA_FILE);
      expect({ workload: workload.metadata.name, mounts: mountPaths(container) }).toEqual({
        workload: workload.metadata.name,
        mounts: expect.arrayContaining([dir]),
      });
    }
  });
});
