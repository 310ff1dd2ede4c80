import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { UserRole } from '../user-role';

/** The signed-in user as the JWT strategy resolved it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /**
   * Set when the caller is an API key rather than a person: the key's id and scopes. `id` is
   * then the admin who created the key (the key acts for them in "by" columns).
   */
  apiKeyId?: string;
  scopes?: readonly string[];
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser =>
    ctx.switchToHttp().getRequest<Request & { user: AuthUser }>().user,
);
