import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BodyDepthPipe } from './body-depth.pipe';
import type { ConstraintMessages } from './exception.filter';
import { AllExceptionsFilter } from './exception.filter';
import { createValidationPipe } from './validation';

export interface HttpAppOptions {
  title: string;
  description: string;
  constraintMessages?: ConstraintMessages;
  /** Largest JSON body accepted by every route not listed in `bodyLimitsByPath` (default 1 MB). */
  bodyLimit?: string;
  /** Larger limits for the routes that need them (bulk imports), by path prefix, e.g. `{ '/imports': '50mb' }`. */
  bodyLimitsByPath?: Record<string, string>;
}

export const API_DOCS_PATH = 'api/docs';

/** Everything every service's HTTP side shares: body limits, validation, error shape, OpenAPI. */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): void {
  // A parser mounted on a path reads the body first; the general one then finds it read and skips it.
  for (const [path, limit] of Object.entries(options.bodyLimitsByPath ?? {})) app.use(path, json({ limit }));
  (app as NestExpressApplication).useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  // The depth check first: validation walks the body recursively.
  app.useGlobalPipes(new BodyDepthPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(options.constraintMessages));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', name: 'x-api-key', in: 'header' }, 'apiKey')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json` });
}
