import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authConfig, type AuthConfig } from '../../config/configuration';

/** A person takes longer than this to fill in the form; a script does not. */
export const FORM_MIN_AGE_MS = 3_000;
/** A page left open longer than this is reloaded before it is sent (a replayed token is not). */
export const FORM_MAX_AGE_MS = 24 * 3600 * 1000;

export type FormTokenProblem = 'too_fast' | 'expired_token' | 'invalid_token';

/**
 * The web form's `form_token`: its issue time and a nonce, signed with a key derived from the
 * JWT secret (as DeviceCookieService does). Only the form's own page asks for one, so a form sent
 * within 3 s of its page loading, or with a token we did not sign, was not sent by a person.
 */
@Injectable()
export class FormTokenService {
  private readonly key: Buffer;

  constructor(@Inject(authConfig.KEY) auth: AuthConfig) {
    this.key = createHmac('sha256', auth.jwtSecret).update('lead-form-token/v1').digest();
  }

  issue(now = Date.now()): string {
    const payload = `${now.toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** Why the token shows a bot, or null for a token a person plausibly sent. */
  problem(token: string, now = Date.now()): FormTokenProblem | null {
    const [issued, nonce, signature, extra] = token.split('.');
    if (!issued || !nonce || !signature || extra !== undefined) return 'invalid_token';
    const expected = Buffer.from(this.sign(`${issued}.${nonce}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return 'invalid_token';
    }
    const age = now - parseInt(issued, 36);
    if (!Number.isFinite(age) || age < -60_000 || age > FORM_MAX_AGE_MS) return 'expired_token';
    return age < FORM_MIN_AGE_MS ? 'too_fast' : null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
