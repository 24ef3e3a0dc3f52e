import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATIONS, parseYamlObjects, renderAll, type K8sObject } from './k8s-render.fixture';
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
