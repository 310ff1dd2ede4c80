import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumeAll } from '../common/rate-limit/consume-all';
import { RateLimiterFactory } from '../database/rate-limiter.factory';
import { edgeConfig, type EdgeConfig } from '../config/configuration';

/**
 * Submits per client address (req.ip, so TRUST_PROXY decides what that is behind a load
 * balancer): a per-minute limit against floods and a per-day cap against a bot that paces
 * itself. Counted across instances on PostgreSQL.
 */
@Injectable()
export class LeadSubmitThrottleGuard implements CanActivate {
  private readonly perMinute: RateLimiterAbstract;
  private readonly perDay: RateLimiterAbstract;

  constructor(limiters: RateLimiterFactory, @Inject(edgeConfig.KEY) edge: EdgeConfig) {
    this.perMinute = limiters.create({
      name: 'submit-minute',
      points: edge.leadsPerMinute,
      durationSeconds: 60,
    });
    this.perDay = limiters.create({
      name: 'submit-day',
      points: edge.leadsPerDay,
      durationSeconds: 24 * 3600,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const ip = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    await consumeAll(
      [
        [this.perMinute, ip],
        [this.perDay, ip],
      ],
      'Too many submissions from this address; try again later',
    );
    return true;
  }
}
