import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { OAuthException } from '../common/filters/all-exceptions.filter';
import { authConfig, type AuthConfig } from '../config/configuration';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import type { TokenResponse } from './dto/token.dto';
import type { JwtPayload } from './jwt-payload';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /**
   * RFC 6749 §4.3 resource owner password grant. Unknown user, wrong password and deactivated
   * user give the same answer after the same bcrypt work.
   */
  async passwordGrant(username: string, password: string): Promise<TokenResponse> {
    const user = await this.users.findByEmail(username);
    const ok = await this.hasher.verifyOrWaste(password, user?.passwordHash);
    if (!user || !ok || !user.active) {
      throw new OAuthException('invalid_grant', 'Invalid username or password');
    }
    const payload: JwtPayload = { sub: user.id, role: user.role, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.auth.jwtExpiresInSeconds,
    };
  }
}
