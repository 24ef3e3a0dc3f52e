import { Logger } from '@nestjs/common';
import { correlationContext } from '../correlation/correlation-context';
import {
  eventually,
  startTestService,
  TEST_SERVICE,
  type TestService,
} from '../testing/test-service.fixture';

describe('structured logging', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service.app.close();
  });

  const linesWith = (key: string, value: unknown) =>
    service.logs().filter((line) => line[key] === value);

  it('logs the startup line with the service name', () => {
    const [listening] = service
      .logs()
      .filter((line) => String(line.msg).startsWith(`${TEST_SERVICE} listening on`));

    expect(listening).toMatchObject({ level: 'info', service: TEST_SERVICE });
    expect(listening.msg).toMatch(/^test-service listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('stamps application lines with the service and the request correlation id', async () => {
    await fetch(`${service.baseUrl}/orders/o-9`, { headers: { 'X-Request-Id': 'log-req-1' } });

    const [line] = linesWith('msg', 'order read').filter((l) => l.correlationId === 'log-req-1');
    expect(line).toMatchObject({
      level: 'info',
      service: TEST_SERVICE,
      context: 'OrdersTestController',
      orderId: 'o-9',
      card: '[Redacted]',
    });
  });

  it('logs one concise line per request', async () => {
    await fetch(`${service.baseUrl}/orders/o-3?expand=items`, {
      headers: { 'X-Request-Id': 'log-req-2' },
    });

    const [completed] = await eventually(
      () => linesWith('correlationId', 'log-req-2').filter((l) => l.msg === 'request completed'),
      (lines) => lines.length === 1,
    );
    expect(Object.keys(completed).sort()).toEqual(
      ['correlationId', 'hostname', 'level', 'method', 'msg', 'pid', 'responseTime', 'service']
        .concat(['statusCode', 'time', 'url'])
        .sort(),
    );
    expect(completed).toMatchObject({
      level: 'info',
      method: 'GET',
      url: '/orders/o-3?expand=items',
      statusCode: 200,
    });
  });

  it('redacts PII and secrets in request bodies and headers', async () => {
    await fetch(`${service.baseUrl}/orders`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Request-Id': 'log-req-3',
        Authorization: 'Bearer secret-token',
        Cookie: 'session=secret-cookie',
      },
      body: JSON.stringify({ id: 'o-4', shippingAddress: '1 Secret Lane' }),
    });
    // A whole card number: a fragment such as '4000' also turns up in a random port's digits.
    const card = '4000056655665556';
    new Logger('Payments').log({ payment: { paymentMethod: 'pm_secret', card } }, 'paid');
    new Logger('Raw').log(
      { req: { headers: { authorization: 'Bearer raw-secret', cookie: 'session=raw-cookie' } } },
      'raw request',
    );

    const [received] = linesWith('msg', 'order received');
    expect(received).toMatchObject({
      correlationId: 'log-req-3',
      order: { id: 'o-4', shippingAddress: '[Redacted]' },
    });
    const everything = service.rawLogs.join('');
    expect(linesWith('msg', 'paid')).toEqual([
      expect.objectContaining({ payment: { paymentMethod: '[Redacted]', card: '[Redacted]' } }),
    ]);
    for (const secret of ['secret-token', 'secret-cookie', 'Secret Lane', 'pm_secret', card]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('raw-secret');
    expect(everything).not.toContain('raw-cookie');
  });

  it('stamps lines written outside HTTP, as by a queue consumer, with the correlation id', () => {
    correlationContext.run('message-corr-1', () => new Logger('Consumer').log('message handled'));

    expect(linesWith('msg', 'message handled')).toEqual([
      expect.objectContaining({ service: TEST_SERVICE, correlationId: 'message-corr-1' }),
    ]);
  });

  it('writes the correlation id once per line', () => {
    const linesWithId = service.rawLogs.filter((raw) => raw.includes('"correlationId"'));

    expect(linesWithId.length).toBeGreaterThan(3);
    for (const raw of linesWithId) {
      expect(raw.match(/"correlationId"/g)).toHaveLength(1);
    }
  });

  it('does not log probe requests at info level', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      await fetch(`${service.baseUrl}${path}`, { headers: { 'X-Request-Id': `probe${path}` } });
    }
    await fetch(`${service.baseUrl}/orders/o-5`, { headers: { 'X-Request-Id': 'after-probes' } });
    await eventually(
      () => linesWith('correlationId', 'after-probes'),
      (lines) => lines.some((l) => l.msg === 'request completed'),
    );

    expect(service.logs().filter((l) => String(l.correlationId).startsWith('probe/'))).toEqual([]);
  });
});
