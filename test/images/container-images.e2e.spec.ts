import { readFileSync } from 'node:fs';
import path from 'node:path';
import { issueAccessToken } from '@conveyor/auth';
import { SPEC_PERSONAL_DATA_ENV } from '@conveyor/testing';
import {
  CONVEYOR_APPS,
  dropDatabase,
  ensureDatabase,
  freePort,
  repoRoot,
  waitFor,
  type ConveyorApp,
} from '@conveyor/dev-stack';
import { RUNTIME_TARGETS, type ImageTarget } from '../../tools/images/image.catalog';
import { ApiClient } from '../support/api-client';
import { testEnvironment, uniquePrefix } from '../support/test-context';
import { ContainerProcess, ImageContainer } from './image.container';
import { processUids } from './process.tree';
import { imageUserId, runtimeImageFindings } from './runtime-image.checks';

jest.setTimeout(300_000);

const SECRET = 'images-test-secret-images-test-secret-images';
const STOP_DEADLINE_MS = 10_000;
/**
 * The packages only development needs, as the lockfile marks them (`dev: true`): a devDependency
 * that a production package also depends on (ajv, through fastify) is not one of them.
 */
const { packages } = JSON.parse(
  readFileSync(path.join(repoRoot(), 'package-lock.json'), 'utf8'),
) as { packages: Record<string, { dev?: boolean }> };
const DEVELOPMENT_ONLY = Object.entries(packages)
  .filter(([location, entry]) => entry.dev && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(location))
  .map(([location]) => location.slice('node_modules/'.length));

/** Resolves with the exit code, or with a description once the deadline passes. */
function exitWithin(run: ContainerProcess, ms: number): Promise<number | null | string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${run.label} still running ${ms} ms after SIGTERM`), ms);
  });
  return Promise.race([run.exited, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The images `npm run images:build` made, run as their configuration says (`buildah run`: the
 * image's Cmd, User, Env and WorkingDir; host network) against the test PostgreSQL: the emulator
 * images stand in for SQS and Stripe, the ops image migrates and provisions, the four app images
 * ship an order and stop cleanly on SIGTERM.
 */
describe('the container images', () => {
  const env = testEnvironment();
  const database = `conveyor_images_${process.pid}`;
  const containers: ImageContainer[] = [];
  const runs: ContainerProcess[] = [];
  const apps = new Map<ConveyorApp, { container: ImageContainer; run: ContainerProcess }>();
  const ports = {} as Record<ConveyorApp, number>;
  const emulators: ContainerProcess[] = [];
  let shared: Record<string, string>;

  function container(target: ImageTarget): ImageContainer {
    const created = ImageContainer.create(target);
    containers.push(created);
    return created;
  }

  function start(target: ImageTarget, extraEnv: Record<string, string>, args?: string[]) {
    const created = container(target);
    const run = created.start(extraEnv, args);
    runs.push(run);
    return { container: created, run };
  }

  async function runOps(command: string[]): Promise<void> {
    const { run } = start('ops', shared, command);
    const code = await run.exited;
    if (code !== 0) throw new Error(`ops ${command.join(' ')} exited ${code}:\n${run.output()}`);
  }

  afterAll(async () => {
    const failures: unknown[] = [];
    for (const run of runs) await run.kill().catch((error: unknown) => failures.push(error));
    for (const created of containers) {
      try {
        created.remove();
      } catch (error) {
        failures.push(error);
      }
    }
    await dropDatabase(env.CONVEYOR_TEST_ADMIN_DATABASE_URL, database);
    // Every container was given its chance to go before one failure is reported.
    if (failures.length > 0) throw failures[0];
  });

  it('carry no npm, no TypeScript sources and no development-only package', () => {
    for (const target of RUNTIME_TARGETS) {
      const created = container(target);
      const findings = runtimeImageFindings(created.rootfs(), created.config, DEVELOPMENT_ONLY);
      expect({ target, findings }).toEqual({ target, findings: [] });
    }
  });

  it('migrate, seed and provision queues from the ops image, on the emulator images', async () => {
    const [sqsPort, stripePort] = [await freePort(), await freePort()];
    emulators.push(start('sqs-emulator', {}, [String(sqsPort)]).run);
    emulators.push(start('stripe-emulator', {}, ['--port', String(stripePort)]).run);
    for (const port of [sqsPort, stripePort]) {
      await waitFor(() => fetch(`http://127.0.0.1:${port}/`).then(() => true), {
        timeoutMs: 30_000,
        description: `an emulator image to answer on port ${port}`,
      });
    }
    shared = {
      DATABASE_URL: await ensureDatabase(env.CONVEYOR_TEST_ADMIN_DATABASE_URL, database),
      // Production will default to verified TLS; the test PostgreSQL has none.
      DATABASE_SSL: 'disable',
      SQS_ENDPOINT: `http://127.0.0.1:${sqsPort}`,
      SQS_QUEUE_PREFIX: uniquePrefix('images'),
      STRIPE_SECRET_KEY: 'sk_test_conveyor_images',
      STRIPE_API_BASE_URL: `http://127.0.0.1:${stripePort}`,
      AUTH_JWT_SECRET: SECRET,
      STRIPE_WEBHOOK_SECRET: 'whsec_conveyor0images0test',
      // Every app gets both keyrings here for brevity; a deployment gives each only its own.
      ...SPEC_PERSONAL_DATA_ENV,
    };
    const seed = 'tools/local-stack/seed-catalog.json';
    await runOps(['node', 'dist/tools/cli/migrate-all.main.js', '--seed', seed]);
    await runOps(['node', 'dist/tools/cli/provision-queues.main.js']);
  });

  it('start each app with its own Cmd, ready and healthy, as the unprivileged user', async () => {
    for (const app of CONVEYOR_APPS) {
      ports[app] = await freePort();
      apps.set(app, start(app, { ...shared, HTTP_PORT: String(ports[app]) }));
    }
    for (const [app, { container: created, run }] of apps) {
      await waitFor(
        async () => {
          if (!run.running) throw new Error(`${app} exited:\n${run.output()}`);
          return (await fetch(`http://127.0.0.1:${ports[app]}/health/ready`)).status === 200;
        },
        { timeoutMs: 60_000, description: `${app} to be ready` },
      );
      const appUid = imageUserId(created.rootfs(), created.config.User ?? 'root');
      expect({ app, user: created.config.User, appUid }).toEqual({ app, user: 'app', appUid });
      expect(appUid).toBeGreaterThan(0);
      expect(processUids(await run.mainPid())).toEqual([appUid, appUid, appUid, appUid]);

      const [kind, ...healthcheck] = created.config.Healthcheck?.Test ?? [];
      expect(kind).toBe('CMD');
      expect(created.exec(healthcheck, { HTTP_PORT: String(ports[app]) })).toBe(0);
    }
  });

  it('ship an order placed through the order-api image', async () => {
    const api = new ApiClient(`http://127.0.0.1:${ports['order-api']}`);
    const token = await issueAccessToken(SECRET, { sub: 'images-customer' });
    const placed = await api.placeOrder(token, [{ sku: 'MUG-CLASSIC', quantity: 1 }]);
    expect(placed.status).toBe(202);
    const orderId = (placed.body as { id: string }).id;
    await waitFor(async () => (await api.getOrder(token, orderId)).body.status === 'SHIPPED', {
      timeoutMs: 60_000,
      description: `order ${orderId} to ship through the app images`,
    });
  });

  it('drain and exit 0 within 10 s of SIGTERM, apps and emulators alike', async () => {
    const stopping = [...[...apps.values()].map(({ run }) => run), ...emulators];
    for (const run of stopping) process.kill(await run.mainPid(), 'SIGTERM');
    const exits = await Promise.all(stopping.map((run) => exitWithin(run, STOP_DEADLINE_MS)));
    expect(exits).toEqual(stopping.map(() => 0));
  });
});
