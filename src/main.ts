import './config/load-dotenv';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp } from './app.setup';
import { appConfig, type AppConfig } from './config/configuration';
import { loadEnv } from './config/env.validation';

async function bootstrap(): Promise<void> {
  loadEnv(); // fail on bad configuration before Nest starts, with just the reasons
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, APP_OPTIONS),
  );
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(appConfig.KEY);
  await app.listen(config.port);
  const logger = app.get(Logger);
  logger.log(`Lead intake listening on ${config.publicBaseUrl} (port ${config.port})`, 'Bootstrap');
  if (config.swaggerEnabled) logger.log(`API docs: ${config.publicBaseUrl}/docs`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration): write the reason plainly and fail.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
