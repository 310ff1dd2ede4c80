import { Inject, Injectable } from '@nestjs/common';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { KeyedLock } from '../common/keyed-lock';
import { consumeAll, type Counter, refundAll } from '../common/rate-limit/consume-all';
import { RateLimiterFactory } from '../database/rate-limiter.factory';
import { edgeConfig, type EdgeConfig } from '../config/configuration';

export interface SignInAttempt {
  ip: string;
  username: string;
  /** The device id of a valid device cookie for this username, if the client sent one. */
  device: string | null;
}

const TOO_MANY = 'Too many failed sign-in attempts; try again later';

/**
 * The brute-force brake on sign-in. Each attempt takes its point *before* the password is
 * checked, so a burst of parallel guesses gets no more evaluations than a sequence; an attempt
 * that succeeds gets its point back. Untrusted clients are limited per address and per
 * username; a client with a valid device cookie only per device, so an attack on an account
 * does not lock out its owner. Evaluations run one at a time per address and per username, so a
 * burst queues behind itself instead of filling the bcrypt slots everybody shares.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAddress: RateLimiterAbstract;
  private readonly perUsername: RateLimiterAbstract;
  private readonly perDevice: RateLimiterAbstract;
  private readonly evaluating = new KeyedLock();

  constructor(limiters: RateLimiterFactory, @Inject(edgeConfig.KEY) edge: EdgeConfig) {
    const limit = (name: string) =>
      limiters.create({ name, points: edge.loginFailuresPerMinute, durationSeconds: 60 });
    this.perAddress = limit('login-ip');
    this.perUsername = limit('login-user');
    this.perDevice = limit('login-device');
  }

  /**
   * Runs `evaluate` (the password check) if the attempt is within the limits, else throws
   * TooManyRequestsException. `failed(error)` says which errors count as a failed attempt.
   */
  async attempt<T>(
    who: SignInAttempt,
    evaluate: () => Promise<T>,
    failed: (error: unknown) => boolean,
  ): Promise<T> {
    const username = who.username.trim().toLowerCase();
    const counters: Counter[] = who.device
      ? [[this.perDevice, who.device]]
      : [
          [this.perAddress, who.ip],
          [this.perUsername, username],
        ];
    await consumeAll(counters, TOO_MANY);
    try {
      const result = await this.evaluating.run([`ip:${who.ip}`, `user:${username}`], evaluate);
      await refundAll(counters);
      return result;
    } catch (error) {
      if (!failed(error)) await refundAll(counters);
      throw error;
    }
  }
}
