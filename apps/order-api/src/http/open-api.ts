import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI generated from the controllers and DTOs: Swagger UI at /docs, JSON at /docs-json. */
export function setupOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Conveyor order API')
      .setDescription(
        'Place and follow e-commerce orders processed asynchronously over Amazon SQS. ' +
          'Errors are application/problem+json with a stable `code`. POST /orders requires an ' +
          'Idempotency-Key; the same key and body replays the first answer.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
