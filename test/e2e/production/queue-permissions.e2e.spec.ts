import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import {
  ConveyorStack,
  freePort,
  startSqsEmulatorProcess,
  waitFor,
  type SqsEmulatorProcess,
} from '@conveyor/dev-stack';
import {
  findQueuePair,
  queueAccessOf,
  resolveQueueTopology,
  type QueueDirectory,
} from '@conveyor/messaging';
import { ApiClient } from '../../support/api-client';
import { TEST_JWT_SECRET } from '../../support/e2e-stack';
import { fifoFieldsFor, provisionTestQueues, sqsClientFor } from '../../support/test-queues';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';
import { issueAccessToken } from '@conveyor/auth';

/**
 * The cloud grants each app exactly queueAccessOf(app) (infra/cdk, infra/k8s). This runs the four
 * apps, each signing with its own access key, against an emulator that records who called what
 * on which queue, and holds every call to that grant: a call outside it would be refused by IAM.
 */
describe('each app calls SQS only within its least-privilege grant (queueAccessOf)', () => {
  const env = testEnvironment();
  const prefix = `perm${Date.now().toString(36)}-`;
  let emulator: SqsEmulatorProcess;
  let stack: ConveyorStack;
  let sqs: SQSClient;
  let directory: QueueDirectory;
  let api: ApiClient;

  beforeAll(async () => {
    emulator = await startSqsEmulatorProcess({ countCalls: true });
    directory = await provisionTestQueues(emulator.endpoint, prefix, 'standard');
    sqs = sqsClientFor(emulator.endpoint);
    const ports = {} as Record<ConveyorApp, number>;
    for (const app of CONVEYOR_APPS) ports[app] = await freePort();
    stack = new ConveyorStack({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      sqsEndpoint: emulator.endpoint,
      stripeSecretKey: 'sk_test_conveyor_permissions',
      stripeApiBaseUrl: env.CONVEYOR_TEST_STRIPE_URL,
      queuePrefix: prefix,
      queueMode: 'standard',
      authJwtSecret: TEST_JWT_SECRET,
      ports,
      extraEnv: Object.fromEntries(
        CONVEYOR_APPS.map((app) => [
          app,
          { AWS_ACCESS_KEY_ID: app, AWS_SECRET_ACCESS_KEY: 'emulator-accepts-any' },
        ]),
      ),
    });
    await stack.start();
    api = new ApiClient(`http://127.0.0.1:${ports['order-api']}`);
  });

  afterAll(async () => {
    await stack?.stop();
    sqs?.destroy();
    await emulator?.stop();
  });

  it('ships an order and dead-letters poison on every queue without a call outside the grant', async () => {
    const sku = uniqueSku('perm-mug');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 900, stock: 5 }]);
    const token = await issueAccessToken(TEST_JWT_SECRET, { sub: 'perm-alice' });
    const { body: placed } = await api.placeOrder(token, [{ sku, quantity: 1 }]);
    await waitFor(async () => (await api.getOrder(token, placed.id)).body.status === 'SHIPPED', {
      timeoutMs: 30_000,
      description: `order ${placed.id} to reach SHIPPED`,
    });
    for (const addresses of Object.values(directory)) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: addresses.workUrl,
          MessageBody: 'not json',
          ...fifoFieldsFor(addresses.workUrl, 'poison'),
        }),
      );
    }
    const calls = await waitFor(
      async () => {
        const recorded = await callsByApp(emulator.endpoint);
        const poisoned = CONVEYOR_APPS.every((app) =>
          recorded[app]?.some(
            (call) => call.startsWith('sqs:SendMessage') && call.endsWith('-dlq'),
          ),
        );
        return poisoned ? recorded : undefined;
      },
      { timeoutMs: 30_000, description: 'every app to dead-letter its poison message' },
    );

    for (const app of CONVEYOR_APPS) {
      expect({ app, outsideGrant: calls[app].filter((call) => !granted(app).has(call)) }).toEqual({
        app,
        outsideGrant: [],
      });
      // Not vacuous: each app received, and sent onwards.
      expect(calls[app].some((call) => call.startsWith('sqs:ReceiveMessage '))).toBe(true);
    }
  });

  /** "<iam action> <queue name>" for everything the grant allows. */
  function granted(app: ConveyorApp): Set<string> {
    const topology = resolveQueueTopology({ prefix, mode: 'standard' });
    const allowed = new Set<string>();
    for (const { queue, kind, actions } of queueAccessOf(app)) {
      const name = findQueuePair(topology, queue)[kind].name;
      for (const action of actions) allowed.add(`${action} ${name}`);
    }
    return allowed;
  }
});

/** The emulator's record by access key, with API actions named as IAM names them. */
async function callsByApp(endpoint: string): Promise<Record<string, string[]>> {
  const response = await fetch(`${endpoint}/_bench/sqs-calls`);
  const { byCaller } = (await response.json()) as { byCaller: Record<string, string[]> };
  return Object.fromEntries(
    Object.entries(byCaller).map(([caller, uses]) => [
      caller,
      [...new Set(uses.map((use) => `sqs:${use.replace(/Batch /, ' ')}`))],
    ]),
  );
}
