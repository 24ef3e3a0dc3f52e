import { Logger } from '@nestjs/common';
import { startTestService, type TestService } from '../testing/test-service.fixture';
import { maskSecretValues } from './secret-values.mask';

/** Built at run time, so no secret scanner mistakes this file for a leak. */
const SECRETS = ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_'].map(
  (prefix) => `${prefix}51Hcanary0${prefix.length}x`,
);

describe('maskSecretValues', () => {
  it.each(SECRETS)('masks %s and keeps its kind readable', (secret) => {
    const masked = maskSecretValues(`{"msg":"calling Stripe with ${secret} now"}`);
    expect(masked).not.toContain(secret);
    expect(masked).toMatch(/(sk_live_|sk_test_|rk_live_|rk_test_|whsec_)\[Redacted\] now/);
  });

  it('masks every occurrence, also inside other text', () => {
    const line = `a=sk_test_one&b=Bearer%20sk_test_two;"whsec_three"`;
    expect(maskSecretValues(line)).toBe(
      'a=sk_test_[Redacted]&b=Bearer%20sk_test_[Redacted];"whsec_[Redacted]"',
    );
  });

  it('leaves lines without a secret as they are, publishable keys included', () => {
    const line = '{"msg":"network_error disk_usage pk_test_publishable rk_later"}';
    expect(maskSecretValues(line)).toBe(line);
  });
});

describe('log lines of a running app', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service.app.close();
  });

  it('carry no Stripe secret, whether in the message, a nested field or an error', () => {
    const [key, restricted, webhook] = [SECRETS[1], SECRETS[2], SECRETS[4]];
    const logger = new Logger('Payments');
    logger.log(`authorizing with ${key}`);
    logger.log({ stripe: { client: { apiKey: restricted } }, note: 'nested' }, 'configured');
    logger.error(new Error(`Stripe refused ${webhook}`));
    logger.warn({ err: new Error(`retrying with ${key}`) }, 'retry');

    const everything = service.rawLogs.join('');
    expect(service.rawLogs.length).toBeGreaterThanOrEqual(4);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    const lines = service.logs();
    expect(lines.find((line) => line.note === 'nested')).toMatchObject({
      stripe: { client: { apiKey: 'rk_live_[Redacted]' } },
    });
    expect(everything).toContain('authorizing with sk_test_[Redacted]');
    expect(everything).toContain('Stripe refused whsec_[Redacted]');
  });
});
