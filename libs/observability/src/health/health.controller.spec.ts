import { ReadinessRegistry } from './readiness.registry';
import {
  DrainingWorker,
  errorCodeOf,
  eventually,
  startTestService,
  type TestService,
} from '../testing/test-service.fixture';

describe('health endpoints', () => {
  let service: TestService;
  let databaseUp = true;

  beforeAll(async () => {
    service = await startTestService();
    service.app
      .get(ReadinessRegistry)
      .register('database', () =>
        databaseUp ? Promise.resolve() : Promise.reject(new Error('connection refused')),
      );
  });

  afterAll(async () => {
    service.app.get(DrainingWorker).finishDraining();
    await service.app.close();
  });

  async function get(path: string) {
    const response = await fetch(`${service.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers liveness with 200', async () => {
    expect(await get('/health/live')).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'ok' }),
    });
  });

  it('answers readiness with 200 while every check passes', async () => {
    const { status, body } = await get('/health/ready');

    expect(status).toBe(200);
    expect(body.info).toEqual({
      shutdown: expect.objectContaining({ status: 'up' }),
      database: expect.objectContaining({ status: 'up' }),
    });
  });

  it('answers readiness with 503 and the failing check while a check fails', async () => {
    databaseUp = false;
    try {
      const { status, body } = await get('/health/ready');

      expect(status).toBe(503);
      expect(body.error).toEqual({
        database: expect.objectContaining({ status: 'down', message: 'connection refused' }),
      });
      expect((await get('/health/live')).status).toBe(200);
    } finally {
      databaseUp = true;
    }
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('refuses a second check under the same name', () => {
    const registry = service.app.get(ReadinessRegistry);

    expect(errorCodeOf(() => registry.register('database', () => Promise.resolve()))).toBe(
      'READINESS.CHECK_DUPLICATE',
    );
  });

  it('answers readiness with 503 while the app drains, and liveness with 200', async () => {
    const worker = service.app.get(DrainingWorker);
    worker.holdShutdown();
    const closing = service.app.close();

    const ready = await eventually(
      () => get('/health/ready'),
      ({ status }) => status === 503,
    );
    expect(ready.body.error).toEqual({
      shutdown: expect.objectContaining({ status: 'down', message: 'draining' }),
    });
    expect((await get('/health/live')).status).toBe(200);

    worker.finishDraining();
    await closing;
  });
});
