import { CLEAN_TEXT } from '../common/text';
import { OAuthException } from './oauth.exception';

export const FORM = 'application/x-www-form-urlencoded';
const MAX_FIELD_LENGTH = 4096;

/** RFC 6749 §3.2 / RFC 7009 §2.1: parameters come form-encoded. */
export function assertForm(contentType: string | undefined): void {
  if (!contentType?.toLowerCase().startsWith(FORM)) {
    throw new OAuthException('invalid_request', `Content-Type must be ${FORM}`);
  }
}

/** A required, single-valued form parameter (RFC 6749 §3.2: never repeated). */
export function formField(body: Record<string, unknown> | undefined, name: string): string {
  const value = optionalFormField(body, name);
  if (value === undefined) {
    throw new OAuthException('invalid_request', `Missing parameter: ${name}`);
  }
  return value;
}

/** A single-valued form parameter that may be absent (or empty, which RFC 6749 §3.1 equates). */
export function optionalFormField(
  body: Record<string, unknown> | undefined,
  name: string,
): string | undefined {
  const value = body?.[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new OAuthException('invalid_request', `Parameter ${name} must be given exactly once`);
  }
  if (value.length > (name === 'username' || name === 'password' ? 1024 : MAX_FIELD_LENGTH)) {
    throw new OAuthException('invalid_request', `Parameter ${name} is too long`);
  }
  // Usernames are emails: control characters are never part of one (and PostgreSQL refuses NUL).
  if (name === 'username' && !CLEAN_TEXT.test(value)) {
    throw new OAuthException('invalid_request', `Parameter ${name} contains control characters`);
  }
  return value;
}
