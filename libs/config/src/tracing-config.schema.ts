import { z } from 'zod';
import { envFields } from './env-fields';
import { loadConfig } from './load-config';

const EXPORTERS = ['otlp', 'console', 'none'] as const;
const PROTOCOLS = ['http/json', 'http/protobuf', 'grpc'] as const;
const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

const exporterList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(EXPORTERS, { message: `name exporters from ${EXPORTERS.join(', ')}` })));

const protocol = z.enum(PROTOCOLS, { message: `set one of ${PROTOCOLS.join(', ')}` });

/**
 * The standard OpenTelemetry variables every app honours. The SDK reads them itself too; they
 * are checked here so that a typo stops the app at boot rather than silently exporting nothing.
 */
export const tracingEnvSchema = z.object({
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_TRACES_EXPORTER: exporterList.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: envFields.url.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: envFields.url.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol.optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(SAMPLERS, { message: `set OTEL_TRACES_SAMPLER to one of ${SAMPLERS.join(', ')}` })
    .optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  /** The SDK's own diagnostics (plain lines on the console); quiet unless something is wrong. */
  OTEL_LOG_LEVEL: z
    .enum(['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'], {
      message: 'set OTEL_LOG_LEVEL to none, error, warn, info, debug, verbose or all',
    })
    .default('warn'),
});
export type TracingEnv = z.infer<typeof tracingEnvSchema>;

export interface TracingConfig {
  serviceName: string;
  /** Empty: tracing is off, the SDK is not started and nothing is sent anywhere. */
  exporters: ('otlp' | 'console')[];
  sdkLogLevel: TracingEnv['OTEL_LOG_LEVEL'];
}

/**
 * Unlike the SDK, whose default exporter is OTLP to localhost:4318, an app exports traces only
 * when told to: OTEL_TRACES_EXPORTER names exporters, or an OTLP endpoint implies `otlp`.
 */
export function toTracingConfig(env: TracingEnv, defaultServiceName: string): TracingConfig {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const named = env.OTEL_TRACES_EXPORTER ?? (endpoint ? ['otlp' as const] : []);
  const exporters = named.includes('none')
    ? []
    : [...new Set(named.filter((name) => name !== 'none'))];
  return {
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    exporters,
    sdkLogLevel: env.OTEL_LOG_LEVEL,
  };
}

export function loadTracingConfig(
  defaultServiceName: string,
  env: Record<string, string | undefined> = process.env,
): TracingConfig {
  return toTracingConfig(loadConfig(tracingEnvSchema, env), defaultServiceName);
}
