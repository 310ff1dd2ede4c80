import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import { ROLES_KEY } from '../common/decorators/roles.decorator';
import { SCOPES_KEY } from '../common/decorators/scopes.decorator';
import type { UserRole } from '../users/user.entity';

/**
 * Global, after the JWT guard: enforces @Roles() where a route declares it, and for API keys
 * @Scopes(): a key reaches only routes that name a scope it holds (never roles-only routes).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
    if (user?.apiKeyId) return this.keyMayCall(context, user);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    if (user && roles.includes(user.role)) return true;
    throw new ForbiddenException(`This action requires the ${roles.join(' or ')} role`);
  }

  private keyMayCall(context: ExecutionContext, key: AuthUser): boolean {
    const scope = this.reflector.getAllAndOverride<string | undefined>(SCOPES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!scope) throw new ForbiddenException('API keys may not use this route');
    if (key.scopes?.includes(scope)) return true;
    throw new ForbiddenException(`This API key lacks the ${scope} scope`);
  }
}
