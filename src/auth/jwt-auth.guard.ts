import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { ApiKeysService } from '../api-keys/api-keys.service';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import { IS_PUBLIC_KEY } from '../common/decorators/public.decorator';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Global: every route needs a valid bearer token unless it is marked @Public(). The token is an
 * access token (JWT) or an API key (`lik_…`, looked up on every request so a deleted key is
 * refused at once); RolesGuard then decides what the principal may do.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (token && ApiKeysService.looksLikeKey(token)) return this.acceptKey(token, req, context);
    return super.canActivate(context);
  }

  private async acceptKey(
    token: string,
    req: Request & { user?: AuthUser },
    context: ExecutionContext,
  ): Promise<boolean> {
    const principal = await this.apiKeys.authenticate(token);
    req.user = this.handleRequest(null, principal ?? false, new Error('Invalid key'), context);
    return true;
  }

  override handleRequest<TUser>(
    err: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    const res = context.switchToHttp().getResponse<Response>();
    if (!err && user) {
      // Staff answers hold personal data: no browser or proxy may keep a copy.
      res.setHeader('Cache-Control', 'no-store');
      return user;
    }
    const missing = info instanceof Error && info.message === 'No auth token';
    // RFC 6750 §3: say which realm, and whether the presented token was the problem.
    res.setHeader(
      'WWW-Authenticate',
      missing ? 'Bearer realm="lead-intake"' : 'Bearer realm="lead-intake", error="invalid_token"',
    );
    if (missing) throw new UnauthorizedException('Missing bearer token');
    if (err instanceof UnauthorizedException) throw err;
    const expired = info instanceof Error && info.name === 'TokenExpiredError';
    throw new UnauthorizedException(expired ? 'Token has expired' : 'Invalid bearer token');
  }
}
