import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { QUEUE_CONSUMERS, QUEUE_NAMES } from '@conveyor/contracts';
import { resolveQueueTopology, type QueueMode } from '@conveyor/messaging';
import type { IDeployment } from './k8s-types';
import { WORKER_APPS, backlogPerReplicaTarget } from '../../scaling/worker-scaling';
import { cores } from './autoscaling.builder';
import { ACCEPTABLE_QUEUE_WAIT_SECONDS } from './k8s.settings';
import { KUSTOMIZATIONS, objectsOfKind, renderAll, type K8sObject } from './k8s-render.fixture';

/** The aws-sqs-queue scaler's metadata that this project sets, as KEDA spells it. */
const REQUIRED_KEYS = ['activationQueueLength', 'awsRegion', 'queueLength', 'queueURL'];
const OPTIONAL_KEYS = ['awsEndpoint'];

const rendered = renderAll();

/** The queue names the apps themselves will use, from the ConfigMap they read. */
function queueNamesFromConfig(objects: K8sObject[]) {
  const config = objects.find((object) => object.metadata.name === 'conveyor-config')!;
  const data = config.data as Record<string, string>;
  const topology = resolveQueueTopology({
    prefix: data.SQS_QUEUE_PREFIX,
    mode: data.QUEUE_MODE as QueueMode,
    maxReceiveCount: Number(data.SQS_MAX_RECEIVE_COUNT),
  });
  return { data, topology };
}

describe.each(KUSTOMIZATIONS)('KEDA in %s', (name) => {
  const objects = rendered[name];
  const scaledObjects = objectsOfKind<IScaledObject>(objects, 'ScaledObject');
  const { data, topology } = queueNamesFromConfig(objects);

  it('scales each worker, and only the workers, with one ScaledObject', () => {
    const targets = scaledObjects.map((scaled) => scaled.spec.scaleTargetRef);
    expect(targets.map((target) => target.name).sort()).toEqual([...WORKER_APPS].sort());
    for (const target of targets)
      expect(target).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
    const deployments = objectsOfKind(objects, 'Deployment').map((d) => d.metadata.name);
    expect(deployments).toEqual(expect.arrayContaining([...WORKER_APPS]));
  });

  it.each(WORKER_APPS)('scales %s on the queue it consumes, as the app names it', (app) => {
    const scaled = scaledObjects.find((candidate) => candidate.spec.scaleTargetRef.name === app)!;
    const [trigger] = scaled.spec.triggers;
    expect(scaled.spec.triggers).toHaveLength(1);
    expect(trigger.type).toBe('aws-sqs-queue');
    const consumed = QUEUE_NAMES.filter((queue) => QUEUE_CONSUMERS[queue] === app);
    const queue = topology.pairs.find((pair) => pair.queue === consumed[0])!.work.name;
    expect(new URL(trigger.metadata.queueURL).pathname).toMatch(new RegExp(`^/\\d{12}/${queue}$`));
    expect(trigger.metadata.awsRegion).toBe(data.AWS_REGION);
    // The target follows the pod as deployed: its CPU request and its consumer concurrency.
    const deployment = objectsOfKind<IDeployment>(objects, 'Deployment').find(
      (candidate) => candidate.metadata?.name === app,
    )!;
    const [worker] = deployment.spec!.template.spec!.containers;
    const concurrency = worker.env!.find((env) => env.name === 'CONSUMER_CONCURRENCY')!.value;
    const shape = {
      vcpu: cores(String(worker.resources!.requests!.cpu)),
      concurrency: Number(concurrency),
    };
    const target = backlogPerReplicaTarget(app, shape, ACCEPTABLE_QUEUE_WAIT_SECONDS);
    expect(trigger.metadata.queueLength).toBe(String(target));
  });

  it('sets only known aws-sqs-queue metadata keys, each a string', () => {
    for (const scaled of scaledObjects) {
      const { metadata } = scaled.spec.triggers[0];
      const keys = Object.keys(metadata).sort();
      expect(keys).toEqual(expect.arrayContaining(REQUIRED_KEYS));
      expect(keys.filter((key) => !REQUIRED_KEYS.includes(key))).toEqual(
        name === 'overlays/local' ? OPTIONAL_KEYS : [],
      );
      for (const value of Object.values(metadata)) expect(typeof value).toBe('string');
      expect(Number(metadata.queueLength)).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(Number(metadata.activationQueueLength))).toBe(true);
    }
  });

  it('authenticates each trigger with a TriggerAuthentication that exists', () => {
    const auths = objectsOfKind(objects, 'TriggerAuthentication').map((auth) => auth.metadata.name);
    for (const scaled of scaledObjects) {
      expect(auths).toContain(scaled.spec.triggers[0].authenticationRef?.name);
    }
  });
});

describe('the overlays point KEDA where the apps go', () => {
  it('local: at the in-cluster emulator, with static keys from the Secret', () => {
    const objects = rendered['overlays/local'];
    const { data } = queueNamesFromConfig(objects);
    for (const scaled of objectsOfKind<IScaledObject>(objects, 'ScaledObject')) {
      const { metadata } = scaled.spec.triggers[0];
      expect(metadata.awsEndpoint).toBe(data.SQS_ENDPOINT);
      expect(metadata.queueURL.startsWith(`${data.SQS_ENDPOINT}/`)).toBe(true);
    }
    const [auth] = objectsOfKind(objects, 'TriggerAuthentication');
    expect(auth.spec).toEqual({ secretTargetRef: expect.any(Array) });
  });

  it('aws: at real SQS, as each worker with its own role', () => {
    const objects = rendered['overlays/aws'];
    for (const scaled of objectsOfKind<IScaledObject>(objects, 'ScaledObject')) {
      expect(new URL(scaled.spec.triggers[0].metadata.queueURL).hostname).toMatch(
        /^sqs\.[a-z0-9-]+\.amazonaws\.com$/,
      );
    }
    const [auth] = objectsOfKind(objects, 'TriggerAuthentication');
    expect(auth.spec).toEqual({ podIdentity: { provider: 'aws', identityOwner: 'workload' } });
  });

  it('the order API scales on CPU with an HPA, not on a queue', () => {
    for (const name of KUSTOMIZATIONS) {
      const hpas = objectsOfKind(rendered[name], 'HorizontalPodAutoscaler');
      expect(hpas.map((hpa) => hpa.metadata.name)).toEqual(['order-api']);
    }
  });
});
