import { BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ArgumentMetadata, NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { appConfig, type AppConfig } from './config/configuration';
import { QuietFrameworkLogger } from './config/quiet-framework-logger';
import { createOpenApiDocument } from './openapi/openapi-document';

/** Options for NestFactory.create / createNestApplication: body parsers are set up below. */
// abortOnError: false lets a start-up failure (bad configuration) reach main.ts, which prints the
// reason plainly, instead of Nest exiting with a stack trace.
export const APP_OPTIONS: NestApplicationOptions = {
  bodyParser: false,
  bufferLogs: true,
  abortOnError: false,
};

/** Everything between "create the app" and "listen", shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.useLogger(new QuietFrameworkLogger(app.get(Logger)));
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
  // Only the device cookie of the sign-in limits is read (see DeviceCookieService).
  app.use(cookieParser());
  app.useBodyParser('json', { limit: config.jsonBodyLimit });
  app.useBodyParser('urlencoded', { extended: false, limit: '16kb', parameterLimit: 20 });
  app.use(namelessParseErrors);
  app.useGlobalPipes(
    // stopAtFirstError: one clear problem per field ("email is required"), not every rule it breaks.
    new StrictValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  answerMalformedRequestsInJson(app.getHttpServer());
  if (config.swaggerEnabled) setupSwagger(app);
  return app;
}

/** Deeper than any request DTO goes; deeper input only feeds the pipe's recursion. */
const MAX_INPUT_DEPTH = 32;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * ValidationPipe silently deletes `__proto__`/`constructor`/`prototype` keys (so they escape
 * forbidNonWhitelisted) and walks the input recursively (5 000 nested arrays overflow the stack:
 * a 500). Both are refused as 400 first, by a walk without recursion.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) {
      const problem = inputShapeProblem(value);
      if (problem) throw new BadRequestException([problem]);
    }
    return super.transform(value, metadata);
  }
}

function inputShapeProblem(input: unknown): string | null {
  const pending: Array<[unknown, number]> = [[input, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return `input must not be nested more than ${MAX_INPUT_DEPTH} deep`;
    for (const [key, child] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) return `property ${key} should not exist`;
      pending.push([child, depth + 1]);
    }
  }
  return null;
}

/**
 * Nest turns a JSON SyntaxError into a 400 carrying the parser's message, which quotes the body
 * (a password, say). Name the problem only.
 */
function namelessParseErrors(err: unknown, _req: Request, _res: Response, next: NextFunction) {
  const { type, body } = (err ?? {}) as { type?: unknown; body?: unknown };
  if (type !== 'entity.parse.failed') return next(err);
  // The strict parser also refuses valid JSON that is not an object or array (`null`, `"x"`, `1`).
  const scalar = typeof body === 'string' && isJsonScalar(body);
  next(new BadRequestException(scalar ? 'JSON body must be an object' : 'Malformed JSON body'));
}

function isJsonScalar(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || typeof value !== 'object';
  } catch {
    return false;
  }
}

/** What Node itself would answer for each parser error (400 for the rest), as our JSON. */
const NODE_PARSER_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request headers too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Chunk extensions too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request not received in time'],
};
const MALFORMED_REQUEST: [number, string] = [400, 'Malformed HTTP request'];

/**
 * Requests Node's HTTP parser refuses (headers over 16 KB, a broken request line, control bytes
 * in a header) never reach Express, and Node answers them with an empty body.
 */
function answerMalformedRequestsInJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // As Node does: answer only when no response on this socket has begun.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      const [status, message] = NODE_PARSER_ERRORS[err.code ?? ''] ?? MALFORMED_REQUEST;
      const error = STATUS_CODES[status] ?? 'Error';
      const body = JSON.stringify({ statusCode: status, error, message });
      socket.write(
        `HTTP/1.1 ${status} ${error}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  });
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
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: false },
  });
}
