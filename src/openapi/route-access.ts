import type { INestApplication, Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '../common/decorators/public.decorator';
import { ROLES_KEY } from '../common/decorators/roles.decorator';

/** Who may call a route, as the global guards (JwtAuthGuard, RolesGuard) decide it. */
export interface RouteAccess {
  /** Marked @Public(): answered without a bearer token. */
  isPublic: boolean;
  /** From @Roles(); empty when any signed-in user may call it. */
  roles: readonly string[];
}

/**
 * The operationId of a handler: Nest's default spelling (there is no API versioning here),
 * passed to createDocument explicitly because routeAccess() finds handlers by it.
 */
export const operationId = (controllerKey: string, methodKey: string): string =>
  `${controllerKey}_${methodKey}`;

/**
 * Every controller method's access rules, keyed by operationId, read from the same metadata and
 * with the same precedence (handler over class) as the guards, so the document cannot disagree
 * with what the service enforces.
 */
export function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const access = new Map<string, RouteAccess>();
  const owners = new Map<string, Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type | null;
      if (!controller?.prototype) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const id = operationId(controller.name, method);
        const owner = owners.get(id);
        if (owner && owner !== controller) {
          throw new Error(`Two controllers are named ${controller.name}; operationIds would clash`);
        }
        owners.set(id, controller);
        const targets = [prototype[method] as () => unknown, controller];
        access.set(id, {
          isPublic:
            reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true,
          roles: reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets) ?? [],
        });
      }
    }
  }
  return access;
}
