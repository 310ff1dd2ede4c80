import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { TooManyRequestsException } from '../rate-limit/too-many-requests.exception';

/** Express routes case-insensitively and with an optional trailing slash. */
const OAUTH_ENDPOINT = /^\/auth\/(token|revoke)\/?$/i;

/** RFC 6749 §5.2 codes for the errors that reach an OAuth endpoint before its own checks. */
const OAUTH_ERROR_FOR_STATUS: Record<number, string> = {
  400: 'invalid_request',
  413: 'invalid_request',
  415: 'invalid_request',
  // Registered by RFC 8628 (§3.5) for "polling too fast"; the nearest fit for a rate limit.
  429: 'slow_down',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  request_id?: string;
}

/**
 * The one place errors become answers. Known HTTP errors keep their status and message; anything
 * else is a 500 carrying only a request id, with the stack logged server-side.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (res.headersSent) return;

    if (exception instanceof TooManyRequestsException) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (exception instanceof HttpException && isOAuthError(exception.getResponse())) {
      res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }

    const { status, body } = this.describe(exception, req);
    const oauthError = OAUTH_ERROR_FOR_STATUS[status];
    if (oauthError && OAUTH_ENDPOINT.test(req.path)) {
      // Refused by a parser, a size limit or a rate limit: still in RFC 6749 §5.2 form.
      const description = Array.isArray(body.message) ? body.message.join('; ') : body.message;
      res.status(status).json({ error: oauthError, error_description: description });
      return;
    }
    if (status >= 500) {
      this.logger.error(
        { err: exception, request_id: body.request_id, path: req.path },
        'Unhandled error',
      );
    }
    this.respond(req, res, status, body);
  }

  /** Sends the error; a route-scoped subclass may answer some clients in another form. */
  protected respond(_req: Request, res: Response, status: number, body: ErrorBody): void {
    res.status(status).json(body);
  }

  private describe(exception: unknown, req: Request): { status: number; body: ErrorBody } {
    const status = httpStatusOf(exception);
    const error = STATUS_CODES[status] ?? 'Error';
    if (status >= 500) {
      const requestId =
        typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';
      return {
        status,
        body: {
          statusCode: status,
          error,
          message: 'Internal server error',
          request_id: requestId,
        },
      };
    }
    return {
      status,
      body: { statusCode: status, error, message: clientMessage(exception, error) },
    };
  }
}

/** An RFC 6749 §5.2 body, made by the auth module's OAuthException. */
function isOAuthError(response: unknown): boolean {
  return (
    typeof response === 'object' &&
    response !== null &&
    'error' in response &&
    'error_description' in response
  );
}

/** Status of an HttpException, or of a body-parser / multer style error carrying `status`. */
function httpStatusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown; statusCode?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 600) return status;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function clientMessage(exception: unknown, fallback: string): string | string[] {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string' || Array.isArray(message)) return message as string | string[];
    return exception.message || fallback;
  }
  // Errors from Express middleware (body-parser): their messages are written for clients
  // ("request entity too large"), but a JSON parse error echoes input, so name the problem only.
  const type = (exception as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return 'Malformed JSON body';
  if (type === 'entity.too.large') return 'Request body too large';
  if (type === 'parameters.too.many') return 'Too many form parameters';
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return 'Unsupported request body encoding';
  }
  // zlib's own error (Z_DATA_ERROR…): a Content-Encoding the body does not have.
  const code = (exception as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return 'Request body could not be decompressed';
  }
  return fallback;
}
