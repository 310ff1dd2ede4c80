/** The staff page's entry: sign-in and sign-out, and routing #/… to the views. */

import {
  currentUser,
  dropPendingAction,
  guarded,
  notice,
  showSignIn,
  signedIn,
  takePendingAction,
} from './admin-page.js';
import { setUpApiKeysView, showApiKeys } from './api-keys-view.js';
import { setUpDeliveriesView, showDeliveries } from './deliveries-view.js';
import { byId } from './dom.js';
import { showLead } from './lead-view.js';
import { setUpLeadsView, showLeads } from './leads-view.js';
import { ApiFailure, session } from './session.js';
import type { User } from './user.js';
import { setUpRegisterView, showRegister } from './register-view.js';
import { setUpReportsView, showReports } from './reports-view.js';
import { setUpUsersView, showUsers } from './users-view.js';
import { setUpWebhooksView, showWebhooks } from './webhooks-view.js';

async function start(): Promise<void> {
  const lead = new URLSearchParams(location.search).get('lead');
  if (lead && /^[0-9a-f-]{36}$/i.test(lead)) {
    history.replaceState(null, '', `/admin#/leads/${lead}`);
  }
  if (!(await session.ensureToken())) return showSignIn();
  await guarded(async () => {
    await loadMe();
    await route();
  });
}

async function loadMe(): Promise<void> {
  signedIn(await session.json<User>('/users/me'), loadMe);
}

async function route(): Promise<void> {
  if (!(await session.ensureToken())) return showSignIn();
  notice('');
  const path = location.hash.replace(/^#/, '') || '/leads';
  const leadMatch = /^\/leads\/([0-9a-f-]{36})$/i.exec(path);
  if (leadMatch) return showLead(leadMatch[1]);
  if (path === '/users' && currentUser()?.role === 'admin') return showUsers();
  if (path === '/api-keys' && currentUser()?.role === 'admin') return showApiKeys();
  if (path === '/deliveries' && currentUser()?.role === 'admin') return showDeliveries();
  if (path === '/register' && currentUser()?.role === 'admin') return showRegister();
  const reports = /^\/reports(?:\?(.*))?$/.exec(path);
  if (reports) return showReports(new URLSearchParams(reports[1] ?? ''));
  const webhookMatch = /^\/webhooks(?:\/([0-9a-f-]{36}))?$/i.exec(path);
  if (webhookMatch && currentUser()?.role === 'admin') return showWebhooks(webhookMatch[1]);
  return showLeads();
}

byId<HTMLFormElement>('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const error = byId('signin-error');
  error.textContent = '';
  const username = byId<HTMLInputElement>('username').value.trim();
  const password = byId<HTMLInputElement>('password').value;
  void (async () => {
    try {
      await session.signIn(username, password);
      byId<HTMLInputElement>('password').value = '';
      await guarded(async () => {
        await loadMe();
        await route(); // back where the attorney was: the hash survived the sign-in
        const interrupted = takePendingAction();
        if (interrupted) await guarded(interrupted, { resumable: true });
      });
    } catch (e) {
      const failure = e instanceof ApiFailure ? e.error : null;
      error.textContent =
        failure?.status === 429
          ? 'Too many attempts. Please wait a minute and try again.'
          : failure?.status === 400
            ? 'Wrong email or password.'
            : 'Could not sign in. Please try again.';
    }
  })();
});

byId('sign-out').addEventListener('click', () => {
  dropPendingAction();
  void session.revoke().then(() => {
    history.replaceState(null, '', '/admin'); // no hashchange: the notice below stays
    showSignIn('You have signed out.');
  });
});

setUpLeadsView();
setUpUsersView();
setUpApiKeysView();
setUpDeliveriesView();
setUpRegisterView();
setUpReportsView();
setUpWebhooksView();
window.addEventListener('hashchange', () => void guarded(route));
void start();
