import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '../user-role';

export const ROLES_KEY = 'roles';

/** Restricts a route (or controller) to the given roles; enforced by the global RolesGuard. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
