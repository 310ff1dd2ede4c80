import { readError, type ApiError } from './dom.js';

const TOKEN_KEY = 'lead-intake.token';
const EXPIRES_KEY = 'lead-intake.expires-at';

/** Thrown when the token is missing, expired or revoked: the page goes back to sign-in. */
export class SignedOut extends Error {}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.messages.join(' '));
  }
}

/**
 * The staff session: a bearer token from the password grant, kept in sessionStorage (gone with the
 * tab, never a cookie, so no CSRF exposure) together with its expiry.
 */
export const session = {
  get token(): string | null {
    const expires = Number(sessionStorage.getItem(EXPIRES_KEY));
    if (!expires || Date.now() >= expires) return null;
    return sessionStorage.getItem(TOKEN_KEY);
  },

  msUntilExpiry(): number {
    return Number(sessionStorage.getItem(EXPIRES_KEY)) - Date.now();
  },

  async signIn(username: string, password: string): Promise<void> {
    const res = await fetch('/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }),
    });
    if (!res.ok) throw new ApiFailure(await readError(res));
    const body = (await res.json()) as { access_token: string; expires_in: number };
    sessionStorage.setItem(TOKEN_KEY, body.access_token);
    // A few seconds early, so a request never leaves with a token about to lapse.
    sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + (body.expires_in - 5) * 1000));
  },

  /** Forgets the token here (it has expired or was refused). */
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EXPIRES_KEY);
  },

  /** Ends the session on the server too (RFC 7009), so a copied token stops working. */
  async revoke(): Promise<void> {
    const token = sessionStorage.getItem(TOKEN_KEY);
    this.signOut();
    if (!token) return;
    await fetch('/auth/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    }).catch(() => undefined);
  },

  /** fetch with the bearer token; a 401 ends the session. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const token = this.token;
    if (!token) throw new SignedOut();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    const res = await fetch(path, { ...init, headers });
    if (res.status === 401) {
      this.signOut();
      throw new SignedOut();
    }
    if (!res.ok) throw new ApiFailure(await readError(res));
    return res;
  },

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    if (init.body) headers.set('Content-Type', 'application/json');
    return (await (await this.fetch(path, { ...init, headers })).json()) as T;
  },
};
