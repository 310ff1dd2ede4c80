import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { authConfig, type AuthConfig } from '../config/configuration';
import { PasswordHasher } from '../users/password-hasher';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthSessionsService } from './auth-sessions.service';
import { DeviceCookieService } from './device-cookie.service';
import type { TokenResponse } from './dto/token.dto';
import type { JwtPayload } from './jwt-payload';
import { LoginThrottleService } from './login-throttle.service';
import { OAuthException } from './oauth.exception';

export interface PasswordGrantInput {
  username: string;
  password: string;
  /** The client's address (req.ip). */
  ip: string;
  /** The device cookie the client sent, if any. */
  deviceCookie: unknown;
}

export interface PasswordGrantResult {
  token: TokenResponse;
  /** A fresh device cookie for the client that just proved it knows the password. */
  deviceCookie: string;
}

const REFRESH_REFUSED = 'The refresh token is invalid, used or expired; sign in again';

const isInvalidGrant = (error: unknown): boolean =>
  error instanceof OAuthException && error.oauthError === 'invalid_grant';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly devices: DeviceCookieService,
    private readonly sessions: AuthSessionsService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /**
   * RFC 6749 §4.3 resource owner password grant, behind the sign-in limits. Unknown user, wrong
   * password and deactivated user give the same answer after the same bcrypt work.
   */
  async passwordGrant(input: PasswordGrantInput): Promise<PasswordGrantResult> {
    const device = this.devices.deviceOf(input.deviceCookie, input.username);
    const user = await this.throttle.attempt(
      { ip: input.ip, username: input.username, device },
      () => this.verify(input.username, input.password),
      isInvalidGrant,
    );
    const session = await this.sessions.open(user);
    return {
      token: await this.issue(user, session.id, session.refreshToken),
      deviceCookie: this.devices.issue(user.email),
    };
  }

  /**
   * RFC 6749 §6: a new access token and the next refresh token for a live session. The used
   * refresh token is dead from now on; presenting it again ends the session.
   */
  async refreshGrant(refreshToken: string): Promise<TokenResponse> {
    const rotated = await this.sessions.rotate(refreshToken);
    if ('refused' in rotated) throw new OAuthException('invalid_grant', REFRESH_REFUSED);
    const { user } = rotated.session;
    if (!user.active) {
      await this.sessions.revoke(rotated.session.id);
      throw new OAuthException('invalid_grant', REFRESH_REFUSED);
    }
    return this.issue(user, rotated.session.id, rotated.refreshToken);
  }

  /**
   * RFC 7009: revokes the session of an access or refresh token we issued, which ends every token
   * of that session; anything else is quietly ignored (§2.2).
   */
  async revoke(token: string): Promise<void> {
    let payload: Partial<JwtPayload> | undefined;
    try {
      // An expired access token may still be revoked (its session may live on).
      payload = await this.jwt.verifyAsync<JwtPayload>(token, { ignoreExpiration: true });
    } catch {
      await this.sessions.revokeByRefreshToken(token);
      return;
    }
    if (typeof payload.sid === 'string') await this.sessions.revoke(payload.sid);
  }

  private async verify(username: string, password: string): Promise<User> {
    const user = await this.users.findByEmail(username);
    const ok = await this.hasher.verifyOrWaste(password, user?.passwordHash);
    if (!user || !ok || !user.active) {
      throw new OAuthException('invalid_grant', 'Invalid username or password');
    }
    // A hash of an older cost would let a stopwatch tell which accounts exist: renew it now.
    if (this.hasher.isOutdated(user.passwordHash)) {
      await this.users.replacePasswordHash(user.id, await this.hasher.hash(password));
    }
    return user;
  }

  private async issue(user: User, sid: string, refreshToken: string): Promise<TokenResponse> {
    const payload: JwtPayload = { sub: user.id, role: user.role, ver: user.tokenVersion, sid };
    return {
      access_token: await this.jwt.signAsync(payload),
      token_type: 'bearer',
      expires_in: this.auth.jwtExpiresInSeconds,
      refresh_token: refreshToken,
    };
  }
}
