import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authConfig, type AuthConfig } from '../config/configuration';

/**
 * OWASP "device cookies": a browser or API client that signed in successfully gets a signed
 * cookie naming the account and a random device id. Sign-in attempts that carry a valid one for
 * the same account are limited per device, so strangers failing on the account from elsewhere
 * cannot lock its owner out.
 */
@Injectable()
export class DeviceCookieService {
  private readonly key: Buffer;

  constructor(@Inject(authConfig.KEY) auth: AuthConfig) {
    // Derived from the signing secret: one secret to manage, and a rotation ends both.
    this.key = createHmac('sha256', auth.jwtSecret).update('device-cookie/v1').digest();
  }

  /** A new cookie value for `username`. */
  issue(username: string): string {
    const payload = Buffer.from(
      JSON.stringify({ u: normalise(username), d: randomBytes(16).toString('base64url') }),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The device id of a valid cookie issued for `username`, or null. */
  deviceOf(cookie: unknown, username: string): string | null {
    if (typeof cookie !== 'string' || cookie.length > 512) return null;
    const [payload, signature, extra] = cookie.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const { u, d } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        u?: unknown;
        d?: unknown;
      };
      return u === normalise(username) && typeof d === 'string' ? d : null;
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

const normalise = (username: string): string => username.trim().toLowerCase();
