import type { AuthConfig } from '../../src/config/configuration';

/** The auth settings unit specs build their services with (test secret, cheap bcrypt). */
export const TEST_AUTH_CONFIG: AuthConfig = {
  jwtSecret: 'unit-test-secret-0123456789-abcdefghijklmnop',
  jwtSecretGenerated: false,
  jwtExpiresInSeconds: 900,
  jwtIssuer: 'lead-intake',
  jwtAudience: 'lead-intake-api',
  bcryptCost: 4,
  adminEmail: 'admin@firm.test',
  adminPassword: undefined,
  production: false,
  sessionIdleSeconds: 7200,
  sessionMaxAgeSeconds: 43200,
};
