import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { availableParallelism } from 'node:os';
import { Semaphore } from '../common/semaphore';
import { authConfig, type AuthConfig } from '../config/configuration';

const threadPoolSize = (): number => Number(process.env.UV_THREADPOOL_SIZE) || 4;

/**
 * How many hashes may run at once. bcrypt and the sqlite3 driver share libuv's thread pool, and
 * bcrypt is pure CPU: left alone, a login storm fills every thread and every core with ~250 ms
 * hashes, and queries and the event loop wait behind them. So at most half the pool, and one
 * core fewer than the machine has; the other logins wait in line, in JS.
 */
export const bcryptConcurrency = (
  pool = threadPoolSize(),
  cores = availableParallelism(),
): number => Math.max(1, Math.min(Math.floor(pool / 2), cores - 1));

/**
 * bcrypt hashing. bcrypt's async API runs on libuv's thread pool, so hashing never blocks the
 * event loop. `verifyOrWaste` checks against a throw-away hash of the same cost when the user does
 * not exist, so an unknown user takes the same time as a wrong password.
 */
@Injectable()
export class PasswordHasher {
  private decoy?: Promise<string>;
  private readonly slots = new Semaphore(bcryptConcurrency());

  constructor(@Inject(authConfig.KEY) private readonly auth: AuthConfig) {}

  hash(password: string): Promise<string> {
    return this.slots.run(() => bcrypt.hash(password, this.auth.bcryptCost));
  }

  async verifyOrWaste(password: string, hash: string | undefined): Promise<boolean> {
    this.decoy ??= this.hash('decoy-password-never-matches');
    const against = hash ?? (await this.decoy);
    const matches = await this.slots.run(() => bcrypt.compare(password, against));
    return hash !== undefined && matches;
  }

  /** True when `hash` was made at another cost than BCRYPT_COST (it should be renewed). */
  isOutdated(hash: string): boolean {
    return bcrypt.getRounds(hash) !== this.auth.bcryptCost;
  }

  /** Starts the decoy hash early so the first unknown-user login is not the odd one out. */
  warmUp(): Promise<string> {
    this.decoy ??= this.hash('decoy-password-never-matches');
    return this.decoy;
  }
}
