import { SetMetadata } from '@nestjs/common';

/** What an API key may be granted. */
export const API_KEY_SCOPES = ['leads:read', 'leads:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPES_KEY = 'apiKeyScope';

/**
 * Lets an API key holding `scope` call this route (RolesGuard). Routes without it refuse every
 * key, so a new admin route is closed to keys by default.
 */
export const Scopes = (scope: ApiKeyScope) => SetMetadata(SCOPES_KEY, scope);
