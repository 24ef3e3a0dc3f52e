import type { AddressInfo } from 'node:net';
import { Logger as NestLogger, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { installRequestIdHook, resolveRequestId } from '../correlation/request-id.hook';
import { StartupChatterLogger } from '../logging/startup-chatter.logger';
import { installHttpMetricsHook } from '../metrics/http-metrics.hook';
import { MetricsService } from '../metrics/metrics.service';
import { problemClientErrorHandler } from './client-error.handler';

export interface BootstrapOptions {
  serviceName: string;
  port: number;
  /** Defaults to all interfaces, as a container needs. */
  host?: string;
  /** Said once at start as warnings, e.g. a production app pointed at an emulator on purpose. */
  warnings?: readonly string[];
  /** App-specific setup (security headers, CORS, docs, body limits) run before listening. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Creates, wires and starts an app whose root module imports `ObservabilityModule.forRoot`:
 * the whole of every app's `main.ts`. Fastify sends no `X-Powered-By`, so there is none to hide.
 */
export async function bootstrapService(
  rootModule: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    new FastifyAdapter({
      genReqId: resolveRequestId,
      clientErrorHandler: problemClientErrorHandler,
    }),
    { bufferLogs: true },
  );
  app.useLogger(new StartupChatterLogger(app.get(Logger)));
  for (const warning of options.warnings ?? []) new NestLogger('Config').warn(warning);
  const fastify = app.getHttpAdapter().getInstance();
  installRequestIdHook(fastify);
  installHttpMetricsHook(fastify, app.get(MetricsService));
  // process.exit rather than re-raising the signal, so the orchestrator sees a clean exit 0.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await options.configure?.(app);

  const host = options.host ?? '0.0.0.0';
  await app.listen(options.port, host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  new NestLogger('Bootstrap').log(`${options.serviceName} listening on http://${host}:${port}`);
  return app;
}
