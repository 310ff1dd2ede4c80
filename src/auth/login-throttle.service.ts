import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { edgeConfig, type EdgeConfig } from '../config/configuration';
import { FailureWindow } from '../common/rate-limit/failure-window';

/** Thrown as 429; the token controller copies retryAfter into the Retry-After header. */
export class TooManyLoginsException extends HttpException {
  constructor(readonly retryAfter: number) {
    super('Too many failed sign-in attempts; try again later', HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Brute-force brake on POST /auth/token: failed logins are counted per client IP and per
 * username; past the limit in a minute, further attempts get 429 until the window ends. A
 * successful login clears its username's count.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: FailureWindow;

  constructor(@Inject(edgeConfig.KEY) edge: EdgeConfig) {
    this.failures = new FailureWindow(edge.loginFailuresPerMinute, 60_000);
  }

  assertAllowed(ip: string, username: string): void {
    const wait = Math.max(
      this.failures.retryAfterSeconds(`ip:${ip}`),
      this.failures.retryAfterSeconds(`user:${username.trim().toLowerCase()}`),
    );
    if (wait > 0) throw new TooManyLoginsException(wait);
  }

  recordFailure(ip: string, username: string): void {
    this.failures.recordFailure(`ip:${ip}`);
    this.failures.recordFailure(`user:${username.trim().toLowerCase()}`);
  }

  recordSuccess(username: string): void {
    this.failures.reset(`user:${username.trim().toLowerCase()}`);
  }
}
