import { ConveyorStack, type ConveyorStackOptions } from './conveyor.stack';

const options: ConveyorStackOptions = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
  stripeSecretKey: 'sk_test_stack',
  queuePrefix: 'stack-spec-',
  queueMode: 'standard',
  authJwtSecret: 'x'.repeat(32),
  ports: { 'order-api': 1, 'payment-worker': 2, 'inventory-worker': 3, 'shipping-worker': 4 },
};

describe('ConveyorStack tracing environment', () => {
  it('points every app at the trace receiver in OTLP/HTTP JSON, and the order-api reads it back', () => {
    const stack = new ConveyorStack({ ...options, tracesReceiverUrl: 'http://127.0.0.1:4318' });

    const worker = stack.envFor('payment-worker');
    expect(worker).toMatchObject({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    });
    expect(worker).not.toHaveProperty('TRACES_QUERY_URL');
    expect(stack.envFor('order-api').TRACES_QUERY_URL).toBe('http://127.0.0.1:4318');
  });

  it('sets no receiver variables without one', () => {
    const env = new ConveyorStack(options).envFor('order-api');

    expect(env.TRACES_QUERY_URL).toBeUndefined();
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).not.toBe('http://127.0.0.1:4318');
  });
});

describe('ConveyorStack personal-data keys', () => {
  it('hands each keyring only to the apps of its audience', () => {
    const keys = { shipping: 'ship-1:S', payment: 'pay-1:P' };
    const stack = new ConveyorStack({ ...options, personalDataKeys: keys });
    const keysOf = (app: Parameters<ConveyorStack['envFor']>[0]) => {
      const env = stack.envFor(app);
      return { shipping: env.PII_KEYS_SHIPPING, payment: env.PII_KEYS_PAYMENT };
    };

    expect(keysOf('order-api')).toEqual(keys);
    expect(keysOf('payment-worker')).toEqual({ shipping: undefined, payment: 'pay-1:P' });
    expect(keysOf('shipping-worker')).toEqual({ shipping: 'ship-1:S', payment: undefined });
    expect(keysOf('inventory-worker')).toEqual({ shipping: undefined, payment: undefined });
  });
});

describe('ConveyorStack Stripe webhook secret', () => {
  const secret = 'whsec_stackspec0123456789';

  it('goes to the order API alone, and no inherited file variable competes with it', () => {
    const stack = new ConveyorStack({ ...options, stripeWebhookSecret: secret });

    expect(stack.envFor('order-api')).toMatchObject({ STRIPE_WEBHOOK_SECRET: secret });
    expect(stack.envFor('order-api').STRIPE_WEBHOOK_SECRET_FILE).toBeUndefined();
    for (const app of ['payment-worker', 'inventory-worker', 'shipping-worker'] as const) {
      expect({ app, secret: stack.envFor(app).STRIPE_WEBHOOK_SECRET }).toEqual({
        app,
        secret: undefined,
      });
    }
  });

  it('is unset without one, so the endpoint answers 503 outside production', () => {
    expect(new ConveyorStack(options).envFor('order-api').STRIPE_WEBHOOK_SECRET).toBeUndefined();
  });
});
