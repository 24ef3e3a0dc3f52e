import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IDeployment } from './k8s-types';
import { SECRET_NAME } from './k8s.settings';
import {
  KUSTOMIZATIONS,
  objectsOfKind,
  parseYamlObjects,
  renderAll,
  type K8sObject,
} from './k8s-render.fixture';
import { modelFor, validateObject } from './k8s-schema.fixture';
import { k8sDir } from './manifest.writer';

const rendered = renderAll();

function describeObject(object: K8sObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

describe.each(KUSTOMIZATIONS)('kustomize build %s', (name) => {
  const objects = rendered[name];

  it('renders objects, each named and in the conveyor namespace but for the namespace itself', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) {
      expect(object.metadata.name).toMatch(/^[a-z0-9-]+$/);
      const namespace = object.kind === 'Namespace' ? undefined : 'conveyor';
      expect({ object: describeObject(object), namespace: object.metadata.namespace }).toEqual({
        object: describeObject(object),
        namespace,
      });
    }
  });

  it('validates every object against its Kubernetes or KEDA schema', async () => {
    const failures: string[] = [];
    for (const object of objects) {
      await validateObject(object).catch((error: Error) =>
        failures.push(`${describeObject(object)}: ${error.message}`),
      );
    }
    expect(failures).toEqual([]);
  });
});

describe('the schema check', () => {
  it('fails an object that breaks its schema', async () => {
    const deployment = rendered.base.find((object) => object.kind === 'Deployment')!;
    const broken = { ...deployment, spec: { ...(deployment.spec as object), replicas: 'two' } };
    await expect(validateObject(broken)).rejects.toThrow(/replicas/);
  });

  it('fails a kind no model package knows, rather than skipping it', async () => {
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    await expect(modelFor(unknown)).rejects.toThrow();
  });
});

/** Every YAML file under infra/k8s that is committed (the local secrets file is git-ignored). */
function committedYaml(dir = k8sDir()): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'src' ? [] : committedYaml(full);
    return entry.name.endsWith('.yaml') ? [full] : [];
  });
}

describe('secrets', () => {
  it('no committed file defines a Secret with data or a generator with literal values', () => {
    for (const file of committedYaml()) {
      for (const object of parseYamlObjects(readFileSync(file, 'utf8'))) {
        if (object.kind === 'Secret') expect({ file, data: object.data }).toEqual({ file });
        const generators = (object.secretGenerator ?? []) as { literals?: string[] }[];
        expect(generators.flatMap((generator) => generator.literals ?? [])).toEqual([]);
      }
    }
  });

  it('only the local overlay creates a Secret, from its git-ignored env file', () => {
    const secrets = (objects: K8sObject[]) => objects.filter((object) => object.kind === 'Secret');
    expect(secrets(rendered.base)).toEqual([]);
    expect(secrets(rendered['overlays/aws'])).toEqual([]);
    expect(secrets(rendered['overlays/local']).map(describeObject)).toEqual([
      'Secret/conveyor-secrets',
    ]);
  });
});

describe('the Stripe webhook signing secret', () => {
  const secretKeyRef = { name: SECRET_NAME, key: 'STRIPE_WEBHOOK_SECRET', optional: false };
  const containerOf = (objects: K8sObject[], name: string): IContainer =>
    objectsOfKind<IDeployment>(objects, 'Deployment').find(
      (deployment) => deployment.metadata!.name === name,
    )!.spec!.template.spec!.containers[0];

  it.each(KUSTOMIZATIONS)('reaches the order API from the Secret in %s', (name) => {
    const env = containerOf(rendered[name], 'order-api').env ?? [];
    expect(env.find((variable) => variable.name === 'STRIPE_WEBHOOK_SECRET')).toEqual({
      name: 'STRIPE_WEBHOOK_SECRET',
      valueFrom: { secretKeyRef },
    });
  });

  it('signs the local Stripe emulator’s webhooks to the order API’s Service', () => {
    const local = rendered['overlays/local'];
    const emulator = containerOf(local, 'stripe-emulator');
    const args = emulator.args ?? [];
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(emulator.env).toEqual([{ name: 'STRIPE_WEBHOOK_SECRET', valueFrom: { secretKeyRef } }]);
    expect(flag('--webhook-secret')).toBe('$(STRIPE_WEBHOOK_SECRET)');

    const url = new URL(flag('--webhook-url'));
    const api = objectsOfKind<IService>(local, 'Service').find(
      (service) => service.metadata!.name === 'order-api',
    )!;
    expect(url.hostname).toBe('order-api.conveyor.svc.cluster.local');
    expect(Number(url.port)).toBe(api.spec!.ports![0].port);
    expect(url.pathname).toBe('/webhooks/stripe');
  });

  it('is in the local Secret, shaped as the order API accepts', () => {
    const [secret] = objectsOfKind(rendered['overlays/local'], 'Secret');
    const data = secret.data as Record<string, string>;
    const value = Buffer.from(data.STRIPE_WEBHOOK_SECRET, 'base64').toString('utf8');
    expect(value).toMatch(/^whsec_[A-Za-z0-9_]+$/);
  });
});
