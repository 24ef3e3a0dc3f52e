import type { IncomingMessage } from 'node:http';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { startNodeSdk } from '@opentelemetry/sdk-node';
import type { TracingConfig } from '@conveyor/config';
import { rememberReceiveSpan } from './receive-span.registry';

/** Orchestrator and scraper traffic: a span per probe would bury the traces worth reading. */
const UNTRACED_PATHS = ['/health/live', '/health/ready', '/metrics'];

function isProbe(request: IncomingMessage): boolean {
  return UNTRACED_PATHS.includes((request.url ?? '').split('?')[0]);
}

/**
 * Loaded only when tracing is on, by `startTracing`, before the app's other modules: the
 * instrumentations patch pg, the AWS SDK and http as those are first required.
 */
export function startSdk(config: TracingConfig): { shutdown(): Promise<void> } {
  return startNodeSdk({
    logLevel: config.sdkLogLevel,
    resourceAttributes: { 'service.name': config.serviceName },
    // Traces only: metrics are prom-client's (/metrics), logs are pino's (stdout).
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: isProbe }),
      new UndiciInstrumentation(),
      // Queries outside any span are the outbox sweep and pool checks: roots of nothing useful.
      new PgInstrumentation({ requireParentSpan: true }),
      new AwsInstrumentation({
        responseHook: (span, { response }) => {
          if (response.request.commandName !== 'ReceiveMessage') return;
          const data = response.data as { Messages?: object[] } | undefined;
          for (const message of data?.Messages ?? []) rememberReceiveSpan(message, span);
        },
      }),
      // Nest's Fastify adapter creates the instance; the plugin joins it as it initializes.
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        ignorePaths: (route) => UNTRACED_PATHS.includes(route.url),
      }),
    ],
  });
}
