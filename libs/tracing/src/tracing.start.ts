import type { TracingConfig } from '@conveyor/config';
import type * as SdkStarter from './tracing-sdk.starter';

let sdk: { shutdown(): Promise<void> } | undefined;

/**
 * Starts the OpenTelemetry SDK when an exporter is configured. Must run before the app requires
 * anything the instrumentations patch, which is why each app's main.ts imports its tracing
 * module first (CommonJS keeps that order). With no exporter nothing is loaded, and nothing sent.
 */
export function startTracing(config: TracingConfig): boolean {
  if (sdk || config.exporters.length === 0) return sdk !== undefined;
  // A lazy require keeps the SDK and its instrumentations out of every process that does not
  // trace (tests, tools, an app with tracing off): this lib's index loads only the API.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const starter = require('./tracing-sdk.starter') as typeof SdkStarter;
  sdk = starter.startSdk(config);
  return true;
}

/** Exports the spans still buffered; called as the app shuts down, after it drained. */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
