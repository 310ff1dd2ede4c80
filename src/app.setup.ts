import { ValidationPipe } from '@nestjs/common';
import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { join } from 'node:path';
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
  app.use(securityHeaders());
  // The pages' own scripts and styles (compiled from src/web/client at build time).
  app.useStaticAssets(join(__dirname, 'web', 'public'), { prefix: '/assets/', maxAge: '1h' });
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

/**
 * helmet with a strict Content-Security-Policy: only this origin's scripts and styles, no inline
 * script anywhere. Swagger UI's page carries inline <style> blocks, so /docs alone may use inline
 * styles (still no inline script).
 */
function securityHeaders() {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Left to the TLS-terminating proxy: on plain http://localhost it would break every request.
    upgradeInsecureRequests: null,
  };
  const strict = helmet({ contentSecurityPolicy: { directives } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/docs') ? docs : strict)(req, res, next);
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
