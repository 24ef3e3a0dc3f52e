import { hostname } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import type { ObservabilityOptions } from '../observability.options';
import { correlationMixin } from './correlation.mixin';
import { REDACT_PATHS } from './redact.paths';
import { maskSecretValues } from './secret-values.mask';

/** Orchestrator and scraper traffic: logged below info so it does not drown real requests. */
const PROBE_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

type HttpRequest = IncomingMessage & { originalUrl?: string };

/** Nest middleware on Fastify may rewrite `url`; `originalUrl` is what the client asked for. */
function urlOf(req: HttpRequest): string {
  return req.originalUrl ?? req.url ?? '';
}

function requestLogLevel(req: HttpRequest, res: ServerResponse, err?: Error): LevelWithSilent {
  if (PROBE_PATHS.has(urlOf(req).split('?')[0])) return 'debug';
  if (err || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

function requestSummary(req: HttpRequest, res: ServerResponse, value: { responseTime: number }) {
  return {
    method: req.method,
    url: urlOf(req),
    statusCode: res.statusCode,
    responseTime: value.responseTime,
  };
}

/**
 * One readable line per entry for a person at a terminal: the local stack prefixes each line
 * with its app, so the service name, pid and host would only repeat it.
 */
const PRETTY_TRANSPORT = {
  target: 'pino-pretty',
  options: { singleLine: true, ignore: 'pid,hostname,service', translateTime: 'HH:MM:ss.l' },
};

function pinoHttpOptions(options: ObservabilityOptions): Options<HttpRequest, ServerResponse> {
  return {
    level: options.logLevel,
    base: { service: options.serviceName, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: correlationMixin,
    redact: REDACT_PATHS,
    hooks: { streamWrite: maskSecretValues },
    // pino-http binds Fastify's request id, which bootstrapService makes the correlation id.
    customAttributeKeys: { reqId: 'correlationId' },
    // Bind only the correlation id to a request's lines, not the whole request and response.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: requestLogLevel,
    customSuccessObject: requestSummary,
    customErrorObject: (req, res, err, value: { responseTime: number }) => ({
      ...requestSummary(req, res, value),
      err,
    }),
    transport: options.prettyLogs && !options.logDestination ? PRETTY_TRANSPORT : undefined,
  };
}

export function loggerParams(options: ObservabilityOptions): Params<HttpRequest, ServerResponse> {
  const pinoHttp = pinoHttpOptions(options);
  return {
    pinoHttp: options.logDestination ? [pinoHttp, options.logDestination] : pinoHttp,
    // nestjs-pino's default route, `{/*splat}`, matches no request on the Fastify adapter of
    // Nest 12.5, which silently drops the request logs; `{*path}` matches every url.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}
