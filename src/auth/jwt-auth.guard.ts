import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Response } from 'express';
import { IS_PUBLIC_KEY } from '../common/decorators/public.decorator';

/** Global: every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
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
