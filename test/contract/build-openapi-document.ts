import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { createOpenApiDocument } from '../../src/openapi/openapi-document';

/**
 * The document /docs-json serves, built without listening: the real AppModule and app setup on
 * a throwaway SQLite database (the app cannot be created without one). Other settings, such as
 * PUBLIC_BASE_URL for `servers`, come from the environment as for the service.
 */
export async function buildOpenApiDocument(): Promise<object> {
  const dir = mkdtempSync(join(tmpdir(), 'lead-intake-openapi-'));
  Object.assign(process.env, {
    DB_TYPE: 'sqlite',
    DB_PATH: join(dir, 'leads.sqlite'),
    MAIL_DIR: join(dir, 'mail'),
    LOG_LEVEL: 'silent',
    // configureApp would serve the document; this builds it the same way without serving it.
    SWAGGER_ENABLED: 'false',
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    ...APP_OPTIONS,
    logger: false,
  });
  try {
    return createOpenApiDocument(configureApp(app));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
