import type { K8sObject } from './k8s-render.fixture';

interface Model {
  validate(): void;
}
type ModelClass = (new (data: object) => Model) & { apiVersion: string; kind: string };

/**
 * The models are ES modules only, and jest's CommonJS transform would turn import() into
 * require(): an import the transform cannot see loads them natively (jest runs with vm modules).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const nativeImport: (specifier: string) => Promise<Record<string, unknown>> = (0, eval)(
  '(specifier) => import(specifier)',
);

/** The module of an apiVersion/kind's model: the core and built-in groups, or KEDA's. */
export function modelModule(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === '') return `kubernetes-models/${version}/${kind}`;
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

/** The model class for an object; a kind no model package knows is an error, never skipped. */
export async function modelFor(object: K8sObject): Promise<ModelClass> {
  const exports = await nativeImport(modelModule(object.apiVersion, object.kind));
  const model = exports[object.kind] as ModelClass | undefined;
  if (!model || model.apiVersion !== object.apiVersion || model.kind !== object.kind) {
    throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  }
  return model;
}

/** Validates against the Kubernetes (or KEDA CRD) OpenAPI schema with ajv; throws what is wrong. */
export async function validateObject(object: K8sObject): Promise<void> {
  const Model = await modelFor(object);
  new Model(object).validate();
}
