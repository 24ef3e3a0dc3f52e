import { ConfigError } from './load-config';
import { loadTracingConfig } from './tracing-config.schema';

describe('tracing configuration', () => {
  it('exports nothing when nothing names an exporter or an endpoint (the SDK would use localhost:4318)', () => {
    expect(loadTracingConfig('payment-worker', {})).toEqual({
      serviceName: 'payment-worker',
      exporters: [],
      sdkLogLevel: 'warn',
    });
    expect(
      loadTracingConfig('payment-worker', { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    ).toMatchObject({ exporters: [] });
  });

  it('reads an empty OTEL_* variable as unset, as the SDK does', () => {
    expect(
      loadTracingConfig('shipping-worker', {
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
        OTEL_TRACES_EXPORTER: '',
        OTEL_SERVICE_NAME: '',
      }),
    ).toMatchObject({ serviceName: 'shipping-worker', exporters: [] });
  });

  it('exports OTLP when an endpoint is set, and honours OTEL_SERVICE_NAME', () => {
    for (const variable of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
      expect(
        loadTracingConfig('order-api', {
          [variable]: 'http://collector:4318',
          OTEL_SERVICE_NAME: 'orders-eu',
        }),
      ).toMatchObject({ serviceName: 'orders-eu', exporters: ['otlp'] });
    }
  });

  it('takes OTEL_TRACES_EXPORTER as given; none wins', () => {
    const load = (value: string) =>
      loadTracingConfig('order-api', {
        OTEL_TRACES_EXPORTER: value,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      }).exporters;
    expect(load('console')).toEqual(['console']);
    expect(load('otlp, console,otlp')).toEqual(['otlp', 'console']);
    expect(load('none')).toEqual([]);
    expect(load('otlp,none')).toEqual([]);
  });

  it('refuses unknown exporters, protocols and samplers, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadTracingConfig('order-api', env);
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problems({ OTEL_TRACES_EXPORTER: 'jaeger' })).toMatch(/OTEL_TRACES_EXPORTER/);
    expect(problems({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http' })).toMatch(
      /OTEL_EXPORTER_OTLP_TRACES_PROTOCOL.*http\/json/,
    );
    expect(problems({ OTEL_TRACES_SAMPLER: 'sometimes' })).toMatch(/OTEL_TRACES_SAMPLER/);
    expect(problems({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' })).toBe('');
  });
});
