import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { authConfig, type AuthConfig } from '../config/configuration';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';

/**
 * Makes sure somebody can sign in to a fresh server (not the users CLI: that is how an operator
 * creates users, so it must work on an empty database). With no user in the database it creates
 * the admin from ADMIN_EMAIL / ADMIN_PASSWORD; in development a missing password is generated and
 * printed once (the next start finds the user and prints nothing). Production refuses to start
 * without ADMIN_PASSWORD rather than invent a credential nobody can read.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.hasher.warmUp();
    if (this.auth.jwtSecretGenerated) {
      this.logger.warn(
        'JWT_SECRET is not set: using a random one, so sign-ins end when this process does',
      );
    }
    if ((await this.users.count()) > 0) {
      if (this.auth.adminPassword) {
        this.logger.warn(
          'ADMIN_PASSWORD is set but users exist, so it is ignored: remove it from the ' +
            'environment (change passwords with `npm run users -- set-password`)',
        );
      }
      return;
    }
    if (!this.auth.adminPassword && this.auth.production) {
      throw new Error(
        'Invalid configuration:\n  ADMIN_PASSWORD: required in production while no user exists',
      );
    }
    const password = this.auth.adminPassword ?? randomBytes(12).toString('hex');
    try {
      await this.users.create({
        email: this.auth.adminEmail,
        name: 'Administrator',
        password,
        role: 'admin',
      });
    } catch (error) {
      // Another instance of the service created it first.
      if (error instanceof ConflictException) return;
      throw error;
    }
    if (this.auth.adminPassword) {
      this.logger.log(`Created the first admin user ${this.auth.adminEmail} from ADMIN_PASSWORD`);
    } else {
      this.logger.warn(
        `First run: created admin user ${this.auth.adminEmail} with password ${password} ` +
          '(shown only this once; change it with ' +
          `\`npm run users -- set-password --email ${this.auth.adminEmail}\`)`,
      );
    }
  }
}
