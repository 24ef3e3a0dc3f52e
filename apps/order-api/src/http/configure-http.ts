import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { OrderApiConfig } from '../order-api.config';
import { problem, sendProblem } from './problem';
import { parseJsonBody } from './json-body.parser';
import { RequestValidationError } from './request-validation.error';
import { setupOpenApi } from './open-api';
import { registerWebAssets } from '../web/web-assets';
import { isPagePath, PAGES_CSP, relaxDocsCsp } from '../web/page-security';

/** Bodies are small JSON documents; anything larger is refused before it is parsed. */
export const BODY_LIMIT_BYTES = 32 * 1024;

/**
 * The order API's HTTP edge: security headers, a CORS allowlist, JSON only and small, strict
 * validation (errors raised by Fastify itself reach ProblemDetailsFilter too), and the API docs.
 */
export function configureHttp(config: OrderApiConfig) {
  return async (app: NestFastifyApplication): Promise<void> => {
    const fastify = app.getHttpAdapter().getInstance();
    app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, parseJsonBody);
    fastify.addHook('onRequest', (request, reply, done) => {
      if (hasBody(request) && !acceptsBody(request)) {
        return sendProblem(
          reply,
          problem('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send request bodies as application/json'),
        );
      }
      done();
    });
    // Strict everywhere (the pages have no inline script or style); only Swagger UI is relaxed.
    await app.register(helmet, { contentSecurityPolicy: PAGES_CSP });
    if (config.docsEnabled) relaxDocsCsp(fastify);
    await app.register(cookie);
    registerWebAssets(fastify);
    app.enableCors({
      origin: config.corsAllowedOrigins.length > 0 ? config.corsAllowedOrigins : false,
    });
    app.useGlobalPipes(
      new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        transform: true,
        exceptionFactory: (errors) => RequestValidationError.fromValidation(errors),
      }),
    );
    if (config.docsEnabled) setupOpenApi(app);
  };
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

/** The API takes JSON only; the HTML pages' forms also post url-encoded bodies. */
function acceptsBody(request: FastifyRequest): boolean {
  const contentType = request.headers['content-type'] ?? '';
  if (/^application\/json\s*(;|$)/i.test(contentType)) return true;
  return (
    isPagePath(request.url) && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)
  );
}
