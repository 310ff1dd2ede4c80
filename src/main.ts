import './config/load-dotenv';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp } from './app.setup';
import { appConfig, mailConfig, type AppConfig, type MailConfig } from './config/configuration';
import { loadEnv } from './config/env.validation';
import { StartupError } from './config/startup-error';
import { smtpEndpoint } from './mail/smtp-transport';

async function bootstrap(): Promise<void> {
  loadEnv(); // fail on bad configuration before Nest starts, with just the reasons
  // No framework logger until ours is in place (configureApp): a failure while the modules start
  // is reported once, below, not as a coloured stack trace.
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, { ...APP_OPTIONS, logger: false }),
  );
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(appConfig.KEY);
  await app.listen(config.port);
  const logger = app.get(Logger);
  const bound = app.getHttpServer().address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  logger.log(
    `Lead intake listening on ${host}:${bound.port}, public URL ${config.publicBaseUrl}`,
    'Bootstrap',
  );
  logger.log(`Mail: ${describeMail(app.get<MailConfig>(mailConfig.KEY))}`, 'Bootstrap');
  if (config.swaggerEnabled) logger.log(`API docs: ${config.publicBaseUrl}/docs`, 'Bootstrap');
}

/** The transport without its credentials. */
function describeMail(mail: MailConfig): string {
  if (!mail.smtpUrl) return `writing .eml files to ${mail.previewDir} (SMTP_URL is not set)`;
  const url = new URL(mail.smtpUrl);
  const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
  return `SMTP ${smtpEndpoint(mail.smtpUrl)}${user}, from ${mail.from}`;
}

bootstrap().catch((error: unknown) => {
  if (error instanceof StartupError) {
    // One line in the log's own format: what is wrong and which setting to check.
    const line = { level: 60, time: Date.now(), context: 'Bootstrap', msg: error.message };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  } else {
    // The logger may not exist yet (bad configuration): write the reason plainly and fail.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
