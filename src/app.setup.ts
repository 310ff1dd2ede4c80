import { ValidationPipe } from '@nestjs/common';
import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { appConfig, type AppConfig } from './config/configuration';

/** Options for NestFactory.create / createNestApplication: body parsers are set up below. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/** Everything between "create the app" and "listen", shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Behind a load balancer the client is in X-Forwarded-For; rate limits key on req.ip.
  app.set('trust proxy', config.trustProxy);
  app.use(helmet());
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: ['Location', 'Link', 'X-Total-Count', 'X-Request-Id', 'Retry-After'],
  });
  app.useBodyParser('json', { limit: config.jsonBodyLimit });
  app.useBodyParser('urlencoded', { extended: false, limit: '16kb', parameterLimit: 20 });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  if (config.swaggerEnabled) setupSwagger(app);
  return app;
}

function setupSwagger(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lead intake API')
      .setDescription(
        'Prospects submit leads (public); staff sign in with the OAuth2 password grant to list ' +
          'leads and mark them reached out. Click **Authorize** and enter a staff email and ' +
          'password (leave client id/secret empty).',
      )
      .setVersion('1.0')
      .addOAuth2({
        type: 'oauth2',
        flows: { password: { tokenUrl: '/auth/token', scopes: {} } },
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: false },
  });
}
