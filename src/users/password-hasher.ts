import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { authConfig, type AuthConfig } from '../config/configuration';

/**
 * bcrypt hashing. bcrypt's async API runs on libuv's thread pool, so hashing never blocks the
 * event loop. `verifyOrWaste` checks against a throw-away hash of the same cost when the user does
 * not exist, so an unknown user takes the same time as a wrong password.
 */
@Injectable()
export class PasswordHasher {
  private decoy?: Promise<string>;

  constructor(@Inject(authConfig.KEY) private readonly auth: AuthConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.auth.bcryptCost);
  }

  async verifyOrWaste(password: string, hash: string | undefined): Promise<boolean> {
    this.decoy ??= this.hash('decoy-password-never-matches');
    const matches = await bcrypt.compare(password, hash ?? (await this.decoy));
    return hash !== undefined && matches;
  }

  /** Starts the decoy hash early so the first unknown-user login is not the odd one out. */
  warmUp(): Promise<string> {
    this.decoy ??= this.hash('decoy-password-never-matches');
    return this.decoy;
  }
}
