import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';

/** The table the PostgreSQL counters live in (created by a migration). */
export const RATE_LIMIT_TABLE = 'rate_limits';

export interface LimitSpec {
  /** Names the counter; keys of different limits never collide. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** Thrown when a limit is used up; answered 429 with Retry-After. */
export class TooManyRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Counters for rate limits. With one SQLite file there is one instance, and the counters live in
 * its memory; on PostgreSQL every instance counts in one table (atomic upserts), so N instances
 * allow what one does. Should PostgreSQL fail, each instance falls back to counting in memory
 * rather than refusing every request.
 */
@Injectable()
export class RateLimiterFactory {
  constructor(private readonly dataSource: DataSource) {}

  create(spec: LimitSpec): RateLimiterAbstract {
    const options = {
      keyPrefix: spec.name,
      points: spec.points,
      duration: spec.durationSeconds,
    };
    if (this.dataSource.options.type !== 'postgres') return new RateLimiterMemory(options);
    const driver = this.dataSource.driver as unknown as { master: unknown };
    return new RateLimiterPostgres({
      ...options,
      storeClient: driver.master,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }
}

/**
 * Takes one point from each (limiter, key) pair, in order; throws TooManyRequestsException with
 * the longest wait when any is used up. A refused attempt still counts against the limits it
 * reached, as it should: it was an attempt.
 */
export async function consumeAll(
  counters: Array<[RateLimiterAbstract, string]>,
  message: string,
): Promise<void> {
  for (const [limiter, key] of counters) {
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new TooManyRequestsException(
        message,
        Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      );
    }
  }
}

/** Gives back the points `consumeAll` took (an attempt that should not count). */
export async function refundAll(counters: Array<[RateLimiterAbstract, string]>): Promise<void> {
  await Promise.all(counters.map(([limiter, key]) => limiter.reward(key, 1)));
}
