import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ConstraintMessages } from './exception.filter';
import { AllExceptionsFilter } from './exception.filter';
import { createValidationPipe } from './validation';

export interface HttpAppOptions {
  title: string;
  description: string;
  constraintMessages?: ConstraintMessages;
  /** Largest JSON body accepted; bulk imports may need more than ordinary writes. */
  bodyLimit?: string;
}

export const API_DOCS_PATH = 'api/docs';

/** Everything every service's HTTP side shares: body limits, validation, error shape, OpenAPI. */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.useGlobalPipes(createValidationPipe());
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
