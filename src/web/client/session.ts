import { readError, type ApiError } from './dom.js';

const TOKEN_KEY = 'lead-intake.token';
const EXPIRES_KEY = 'lead-intake.expires-at';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Thrown when the session has ended (expired, revoked, signed out): back to sign-in. */
export class SignedOut extends Error {}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.messages.join(' '));
  }
}

interface TokenAnswer {
  access_token: string;
  expires_in: number;
}

let refreshing: Promise<boolean> | undefined;
/** Bumped when the attorney signs out: what was in flight then must not act on its answer. */
let signOuts = 0;
/** Signed out here on purpose: nothing renews the session until the next sign-in. */
let stopped = false;

/**
 * The staff session. The short-lived access token is kept in sessionStorage (gone with the tab);
 * the long-lived part is the refresh token, which the server keeps in an HttpOnly cookie that no
 * page script can read. A new tab, or an access token about to lapse, is renewed from it, so an
 * attorney stays signed in while working, until the session's idle or absolute limit.
 */
export const session = {
  get token(): string | null {
    const expires = Number(sessionStorage.getItem(EXPIRES_KEY));
    if (!expires || Date.now() >= expires) return null;
    return sessionStorage.getItem(TOKEN_KEY);
  },

  /** How many times this page has signed out; compare before and after an await. */
  get signOuts(): number {
    return signOuts;
  },

  msUntilExpiry(): number {
    return Number(sessionStorage.getItem(EXPIRES_KEY)) - Date.now();
  },

  async signIn(username: string, password: string): Promise<void> {
    const res = await fetch('/auth/token', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ grant_type: 'password', username, password }),
    });
    if (!res.ok) throw new ApiFailure(await readError(res));
    stopped = false;
    // The body's refresh_token is not kept: the HttpOnly cookie set with it is what we use.
    keep((await res.json()) as TokenAnswer);
  },

  /** A valid access token, renewed from the refresh cookie when needed; null when signed out. */
  async ensureToken(): Promise<string | null> {
    return this.token ?? ((await this.refresh()) ? this.token : null);
  },

  /** One refresh at a time, shared by every caller that needs it. */
  refresh(): Promise<boolean> {
    if (stopped) return Promise.resolve(false);
    const started = signOuts;
    refreshing ??= fetch('/auth/token', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ grant_type: 'refresh_token' }),
    })
      .then(async (res) => {
        // A renewal answered after a sign-out must not sign the page back in.
        if (!res.ok || started !== signOuts) return false;
        keep((await res.json()) as TokenAnswer);
        return true;
      })
      .catch(() => false)
      .finally(() => (refreshing = undefined));
    return refreshing;
  },

  /** Forgets the token here (it has expired or was refused). */
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EXPIRES_KEY);
  },

  /** Ends the session on the server too (RFC 7009), so a copied token stops working. */
  async revoke(): Promise<void> {
    const token = await this.ensureToken();
    signOuts++;
    stopped = true;
    this.signOut();
    if (!token) return;
    await fetch('/auth/revoke', {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ token }),
    }).catch(() => undefined);
  },

  /** fetch with the bearer token; a refused token is renewed once, then the session ends. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const send = (token: string) => {
      const headers = new Headers(init.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return fetch(path, { ...init, headers });
    };
    const token = await this.ensureToken();
    if (!token) throw new SignedOut();
    let res = await send(token);
    if (res.status === 401) {
      this.signOut();
      const renewed = (await this.refresh()) ? this.token : null;
      if (!renewed) throw new SignedOut();
      res = await send(renewed);
      if (res.status === 401) {
        this.signOut();
        throw new SignedOut();
      }
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

function keep(answer: TokenAnswer): void {
  sessionStorage.setItem(TOKEN_KEY, answer.access_token);
  // A few seconds early, so a request never leaves with a token about to lapse.
  sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + (answer.expires_in - 5) * 1000));
}
