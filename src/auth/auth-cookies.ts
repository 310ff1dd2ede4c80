import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { appConfig, authConfig, type AppConfig, type AuthConfig } from '../config/configuration';

const DEVICE_COOKIE = 'lead_intake_device';
const REFRESH_COOKIE = 'lead_intake_refresh';
const DEVICE_MAX_AGE_MS = 180 * 24 * 3600 * 1000;

/**
 * The cookies of the token endpoints: the device cookie (sign-in limits) and the staff page's
 * refresh token. Sent only to /auth, never readable by page scripts, never sent by other sites.
 */
@Injectable()
export class AuthCookies {
  private readonly base: CookieOptions;
  private readonly refreshMaxAgeMs: number;

  constructor(@Inject(appConfig.KEY) app: AppConfig, @Inject(authConfig.KEY) auth: AuthConfig) {
    this.base = {
      httpOnly: true,
      sameSite: 'strict',
      secure: app.publicBaseUrl.startsWith('https://'),
      path: '/auth',
    };
    this.refreshMaxAgeMs = auth.sessionMaxAgeSeconds * 1000;
  }

  device(req: Request): unknown {
    return (req.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE];
  }

  setDevice(res: Response, value: string): void {
    res.cookie(DEVICE_COOKIE, value, { ...this.base, maxAge: DEVICE_MAX_AGE_MS });
  }

  refresh(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  setRefresh(res: Response, value: string): void {
    res.cookie(REFRESH_COOKIE, value, { ...this.base, maxAge: this.refreshMaxAgeMs });
  }

  clearRefresh(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, this.base);
  }
}
