import { createHmac, randomBytes } from 'node:crypto';
import { JWT_SECRET } from './test-app';

/**
 * A form token as the service signs it (key derived from JWT_SECRET), issued at `issuedAtMs`:
 * lets a test hold a token of any age without waiting for it to age.
 */
export function formTokenIssuedAt(issuedAtMs: number, secret = JWT_SECRET): string {
  const key = createHmac('sha256', secret).update('lead-form-token/v1').digest();
  const payload = `${issuedAtMs.toString(36)}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}
