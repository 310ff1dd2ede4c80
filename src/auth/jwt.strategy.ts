import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import { authConfig, type AuthConfig } from '../config/configuration';
import { AuthSessionsService } from './auth-sessions.service';
import type { JwtPayload } from './jwt-payload';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(authConfig.KEY) auth: AuthConfig,
    private readonly sessions: AuthSessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // PEM public key on every request and builds the secret key from the thrown error (~10 % of
      // the CPU time of an authenticated GET). Its types only admit string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(auth.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: auth.jwtIssuer,
      audience: auth.jwtAudience,
      ignoreExpiration: false,
    });
  }

  /**
   * A signature is not enough: the session must not be signed out, and its user must still
   * exist, be active, and not have had its tokens revoked (password change, deactivation).
   */
  async validate(payload: Partial<JwtPayload>): Promise<AuthUser> {
    const session =
      typeof payload.sid === 'string' ? await this.sessions.active(payload.sid) : null;
    const user = session?.user;
    if (!user || user.id !== payload.sub || !user.active || user.tokenVersion !== payload.ver) {
      throw new UnauthorizedException('Token has been revoked');
    }
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }
}
