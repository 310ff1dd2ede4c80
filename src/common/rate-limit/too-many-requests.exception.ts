import { HttpException, HttpStatus } from '@nestjs/common';

/** Thrown when a rate limit is used up; answered 429 with Retry-After (the exception filter). */
export class TooManyRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}
