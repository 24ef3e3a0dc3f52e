import {
  ConveyorStack,
  CONVEYOR_APPS,
  freePort,
  waitFor,
  type ConveyorApp,
  type RestartEvent,
} from '@conveyor/dev-stack';
import { testEnvironment, uniquePrefix } from '../../support/test-context';
import { provisionTestQueues } from '../../support/test-queues';
import { TEST_JWT_SECRET } from '../../support/e2e-stack';

/** What `npm start` relies on: an app that dies is started again, and comes back ready. */
describe('supervision of a real stack', () => {
  const env = testEnvironment();
  const events: RestartEvent[] = [];
  const ports = {} as Record<ConveyorApp, number>;
  let stack: ConveyorStack;

  beforeAll(async () => {
    const prefix = uniquePrefix('supervise');
    await provisionTestQueues(env.CONVEYOR_TEST_SQS_ENDPOINT, prefix, 'standard');
    for (const app of CONVEYOR_APPS) ports[app] = await freePort();
    stack = new ConveyorStack({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      stripeSecretKey: 'sk_test_conveyor_e2e',
      stripeApiBaseUrl: env.CONVEYOR_TEST_STRIPE_URL,
      queuePrefix: prefix,
      queueMode: 'standard',
      authJwtSecret: TEST_JWT_SECRET,
      ports,
      supervise: { initialDelayMs: 100 },
      onRestart: (event) => events.push(event),
    });
    await stack.start(['order-api', 'payment-worker']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const ready = async (app: ConveyorApp) => {
    const response = await fetch(`http://127.0.0.1:${ports[app]}/health/ready`);
    return response.status === 200;
  };

  it.each(['payment-worker', 'order-api'] as const)(
    'restarts %s after a SIGKILL, and it answers ready again',
    async (app) => {
      const before = stack.restarts(app);
      const killed = await stack.crash(app);

      expect(killed).toBeDefined();
      await waitFor(async () => stack.service(app).child.pid !== killed && (await ready(app)), {
        timeoutMs: 60_000,
        intervalMs: 250,
        description: `${app} to be back and ready`,
      });
      expect(stack.restarts(app)).toBe(before + 1);
      expect(events.at(-1)).toMatchObject({ app, signal: 'SIGKILL', code: null });
    },
  );

  it('killed again soon after it came back, the order API waits only the first delay', async () => {
    for (let kill = 0; kill < 2; kill++) {
      await waitFor(() => stack.up('order-api'), { description: 'supervision to see it up' });
      const killed = await stack.crash('order-api');
      await waitFor(
        async () => stack.service('order-api').child.pid !== killed && (await ready('order-api')),
        { timeoutMs: 60_000, intervalMs: 250, description: 'order-api back and ready' },
      );
    }

    // Each process had come up (its /health/live answered) before it was killed: not a crash
    // loop, so no doubling, however short its life.
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({ app: 'order-api', delayMs: 100, attempt: 1 }),
      expect.objectContaining({ app: 'order-api', delayMs: 100, attempt: 1 }),
    ]);
    expect(events.slice(-2).map((event) => event.upAfterMs)).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
    await waitFor(() => stack.up('order-api'), { description: 'supervision to see it up' });
    expect(stack.downtimesMs('order-api')).toHaveLength(3);
  });

  it('a deliberate stop is not a crash: the app stays down', async () => {
    const restarts = events.length;
    const pid = stack.service('payment-worker').child.pid;

    await stack.stop();

    expect(events).toHaveLength(restarts);
    expect(() => process.kill(pid!, 0)).toThrow();
    await expect(ready('payment-worker')).rejects.toThrow();
  });
});
