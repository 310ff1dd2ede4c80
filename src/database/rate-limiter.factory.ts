import { Injectable } from '@nestjs/common';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { Dialect } from './dialect';

/** The table the PostgreSQL counters live in (created by migration 1732350000005). */
export const RATE_LIMIT_TABLE = 'rate_limits';

export interface LimitSpec {
  /** Names the counter; keys of different limits never collide. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Counters for rate limits. With one SQLite file there is one instance, and the counters live in
 * its memory; on PostgreSQL every instance counts in one table (atomic upserts), so N instances
 * allow what one does. Should PostgreSQL fail, each instance falls back to counting in memory
 * rather than refusing every request.
 */
@Injectable()
export class RateLimiterFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  create(spec: LimitSpec): RateLimiterAbstract {
    const options = { keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds };
    if (!this.dialect.isPostgres) return new RateLimiterMemory(options);
    return new RateLimiterPostgres({
      ...options,
      // TypeORM's pg pool: the counters share the service's connections.
      storeClient: (this.dataSource.driver as unknown as { master: unknown }).master,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }
}
