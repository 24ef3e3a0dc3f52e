import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { OrderApiConfig } from '../order-api.config';
import { problem, sendProblem } from './problem';
import { parseJsonBody } from './json-body.parser';
import { RequestValidationError } from './request-validation.error';
import { setupOpenApi } from './open-api';

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
      if (hasBody(request) && !isJson(request.headers['content-type'])) {
        return sendProblem(
          reply,
          problem('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send request bodies as application/json'),
        );
      }
      done();
    });
    await app.register(helmet, {
      contentSecurityPolicy: config.docsEnabled ? swaggerUiCsp : undefined,
    });
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

/** Swagger UI needs inline styles and its own scripts; only relaxed where docs are served. */
const swaggerUiCsp = {
  directives: {
    defaultSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    scriptSrc: ["'self'", "'unsafe-inline'"],
  },
};

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}
