import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyRequestsException } from './too-many-requests.exception';

export type Counter = [limiter: RateLimiterAbstract, key: string];

/**
 * Takes one point from each counter, in order; throws TooManyRequestsException with the wait
 * when one is used up. A refused attempt still counts against the limits it reached, as it
 * should: it was an attempt.
 */
export async function consumeAll(counters: Counter[], message: string): Promise<void> {
  for (const [limiter, key] of counters) {
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new TooManyRequestsException(message, seconds);
    }
  }
}

/** Gives back the points `consumeAll` took (an attempt that should not count). */
export async function refundAll(counters: Counter[]): Promise<void> {
  await Promise.all(counters.map(([limiter, key]) => limiter.reward(key, 1)));
}
