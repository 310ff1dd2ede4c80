/** What the staff page's views share: which view shows, the notice line, and who is signed in. */

import { byId } from './dom.js';
import { ApiFailure, session, SignedOut } from './session.js';
import type { User } from './user.js';

const VIEWS = [
  'signin-view',
  'leads-view',
  'lead-view',
  'users-view',
  'api-keys-view',
  'deliveries-view',
  'register-view',
  'reports-view',
  'webhooks-view',
] as const;
let me: User | null = null;
/** An action a lapsed session interrupted: done again once the same person signs back in. */
let pending: { action: () => Promise<void>; hash: string; userId: string } | null = null;
let expiryTimer: number | undefined;
let lastActivity = Date.now();
/** Page actions still running; <main> is aria-busy meanwhile (tests wait for it to clear). */
let running = 0;
for (const event of ['pointerdown', 'keydown']) {
  document.addEventListener(event, () => (lastActivity = Date.now()), { passive: true });
}

type View = (typeof VIEWS)[number];
/** What a view wipes from the page when another one is shown (a secret shown once). */
const onLeave: { view: View; forget: () => void }[] = [];

/**
 * Has `forget` run whenever a view other than `view` is shown, sign-in included: a secret must not
 * stay in the page, even hidden, after the admin has moved on or the session has ended.
 */
export function forgetOnLeave(view: View, forget: () => void): void {
  onLeave.push({ view, forget });
}

export function show(view: View): void {
  for (const v of VIEWS) byId(v).hidden = v !== view;
  byId('nav').hidden = view === 'signin-view';
  for (const leave of onLeave) if (leave.view !== view) leave.forget();
}

export function notice(text: string): void {
  byId('notice').textContent = text;
}

/** The signed-in staff member, or null on the sign-in view. */
export function currentUser(): User | null {
  return me;
}

/**
 * Shows who is signed in. When the access token lapses it is renewed (then `renewed` runs) if the
 * attorney used the page meanwhile (the server ends sessions unused for SESSION_IDLE_TIMEOUT);
 * otherwise the page stops showing the leads and goes back to sign-in.
 */
export function signedIn(user: User, renewed: () => Promise<void>): void {
  me = user;
  byId('whoami').textContent = `${me.name} (${me.role})`;
  byId('nav-users').hidden = me.role !== 'admin';
  byId('nav-api-keys').hidden = me.role !== 'admin';
  byId('nav-deliveries').hidden = me.role !== 'admin';
  byId('nav-register').hidden = me.role !== 'admin';
  byId('nav-webhooks').hidden = me.role !== 'admin';
  window.clearTimeout(expiryTimer);
  const issuedAt = Date.now();
  expiryTimer = window.setTimeout(() => {
    void (async () => {
      if (lastActivity > issuedAt && (await session.refresh())) return renewed();
      session.signOut();
      showSignIn('Your session has expired. Please sign in again.');
    })();
  }, session.msUntilExpiry());
}

export function showSignIn(message = ''): void {
  me = null;
  // Nobody is signed in: the header must not keep the previous user's name.
  byId('whoami').textContent = '';
  byId('nav-users').hidden = true;
  window.clearTimeout(expiryTimer);
  notice(message);
  show('signin-view');
  byId<HTMLInputElement>('username').focus();
}

/**
 * Runs a page action; a lapsed session goes back to sign-in, other failures become a notice. A
 * `resumable` action (a confirmed change) is kept and done after signing in again, on the same page.
 */
export async function guarded(
  action: () => Promise<void>,
  { resumable = false } = {},
): Promise<void> {
  const signOuts = session.signOuts;
  busy(+1);
  try {
    await action();
  } catch (error) {
    // Signed out on purpose meanwhile: the requests refused since then are no news.
    if (session.signOuts !== signOuts) return;
    if (error instanceof SignedOut) {
      pending = resumable && me ? { action, hash: location.hash, userId: me.id } : null;
      return showSignIn(
        pending
          ? 'Your session has ended. Sign in again to finish what you were doing.'
          : 'Your session has ended. Please sign in again.',
      );
    }
    notice(error instanceof ApiFailure ? error.message : 'Something went wrong. Please try again.');
  } finally {
    busy(-1);
  }
}

function busy(change: number): void {
  running += change;
  byId('main').setAttribute('aria-busy', String(running > 0));
}

/** The interrupted action, if the person who started it is signed in again on the same page. */
export function takePendingAction(): (() => Promise<void>) | null {
  const interrupted = pending;
  pending = null;
  if (!interrupted || interrupted.userId !== me?.id || interrupted.hash !== location.hash)
    return null;
  return interrupted.action;
}

/** Forgets an interrupted action (the attorney signed out on purpose). */
export function dropPendingAction(): void {
  pending = null;
}
