/**
 * Webhooks (#/webhooks, admins only): the endpoints, adding one (its secret shown once), rotating
 * a secret (the new one shown once), deleting one (after an in-page confirmation), and an
 * endpoint's delivery log (#/webhooks/<id>).
 */

import { forgetOnLeave, guarded, notice, show, showSignIn } from './admin-page.js';
import { byId, el, formatDate, labelColumns } from './dom.js';
import { ApiFailure, session, SignedOut } from './session.js';

/** An endpoint as GET /webhooks lists it. */
interface Webhook {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
}

/** POST /webhooks and rotate-secret: the endpoint and, this once, its secret. */
interface WebhookWithSecret extends Webhook {
  secret: string;
}

/** One line of GET /webhooks/{id}/deliveries. */
interface Attempt {
  id: string;
  delivery_id: string;
  event_type: string;
  attempt: number;
  status: 'delivered' | 'failed';
  response_status: number | null;
  duration_ms: number;
  error: string | null;
  attempted_at: string;
  delivery_status: 'pending' | 'delivered' | 'failed';
}

const EVENT_LABELS: Record<string, string> = {
  'lead.created': 'New lead',
  'lead.state_changed': 'State changed',
  'lead.assigned': 'Reassigned',
};

/** The endpoint whose log is shown, if any. */
let logFor: Webhook | null = null;

/**
 * Lists the endpoints, and the log of `logId` when given. A secret on show stays only when the
 * list is redrawn after the action that made it (`keepSecret`); a new visit hides it.
 */
export async function showWebhooks(logId?: string, { keepSecret = false } = {}): Promise<void> {
  const hooks = await session.json<Webhook[]>('/webhooks');
  show('webhooks-view');
  if (!keepSecret) hideSecret();
  byId('webhooks-empty').hidden = hooks.length > 0;
  byId('webhooks-body').replaceChildren(...hooks.map(webhookRow));
  labelColumns(byId('webhooks-body'));
  logFor = hooks.find((h) => h.id === logId?.toLowerCase()) ?? null;
  if (logId && !logFor) notice('That webhook no longer exists.');
  await showLog();
}

/**
 * Redraws the list after an action that put a secret on show. The secret is shown first: a failed
 * redraw must neither hide it nor read as a failed action (the admin would add the endpoint twice).
 */
async function redrawBesideSecret(done: string): Promise<void> {
  try {
    await showWebhooks(logFor?.id, { keepSecret: true });
  } catch (e) {
    if (e instanceof SignedOut) throw e;
    notice(`${done} The list could not be refreshed: reload the page once the secret is copied.`);
  }
}

function webhookRow(hook: Webhook): HTMLTableRowElement {
  const row = el('tr');
  const url = el('td', hook.url, { class: 'wrap-anywhere' });
  const events = el('td', hook.events.map((e) => EVENT_LABELS[e] ?? e).join(', '));
  const actions = el('td', undefined, { class: 'row-actions' });
  const log = el('a', 'Delivery log', { href: `#/webhooks/${hook.id}` });
  log.setAttribute('aria-label', `Delivery log of ${hook.url}`);
  const rotate = el('button', 'Rotate secret', { type: 'button', class: 'secondary' });
  rotate.setAttribute('aria-label', `Rotate secret of ${hook.url}`);
  rotate.onclick = () => void guarded(() => rotateSecret(hook, rotate));
  const remove = el('button', 'Delete', { type: 'button', class: 'secondary' });
  remove.setAttribute('aria-label', `Delete ${hook.url}`);
  remove.onclick = () => confirmDelete(hook);
  actions.append(log, ' ', rotate, ' ', remove);
  row.append(
    url,
    events,
    el('td', hook.description ?? ''),
    el('td', formatDate(hook.created_at)),
    actions,
  );
  return row;
}

async function rotateSecret(hook: Webhook, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const rotated = await session.json<WebhookWithSecret>(`/webhooks/${hook.id}/rotate-secret`, {
      method: 'POST',
    });
    const done =
      `New secret for ${hook.url}. Deliveries carry a signature with the old one too until ` +
      `${formatDate(rotated.previous_secret_expires_at)}.`;
    showSecret(rotated);
    notice(done);
    await redrawBesideSecret(done);
  } finally {
    button.disabled = false;
  }
}

function confirmDelete(hook: Webhook): void {
  const dialog = byId<HTMLDialogElement>('confirm-webhook-delete');
  byId('confirm-webhook-delete-url').textContent = hook.url;
  byId('confirm-webhook-delete-no').onclick = () => dialog.close();
  byId('confirm-webhook-delete-yes').onclick = () => {
    dialog.close();
    void guarded(async () => {
      await session.fetch(`/webhooks/${hook.id}`, { method: 'DELETE' });
      if (logFor?.id === hook.id) history.replaceState(null, '', '#/webhooks');
      await showWebhooks(logFor?.id === hook.id ? undefined : logFor?.id, { keepSecret: true });
      notice(`Webhook ${hook.url} deleted.`);
    });
  };
  dialog.showModal();
  byId('confirm-webhook-delete-no').focus(); // Enter on the open dialog must not delete
}

/** The log of the endpoint picked in the list, newest attempt first. */
async function showLog(): Promise<void> {
  const box = byId('webhook-log');
  box.hidden = !logFor;
  if (!logFor) return;
  byId('webhook-log-url').textContent = logFor.url;
  const attempts = await session.json<Attempt[]>(`/webhooks/${logFor.id}/deliveries?limit=50`);
  byId('webhook-log-empty').hidden = attempts.length > 0;
  byId('webhook-log-body').replaceChildren(...attempts.map(attemptRow));
  labelColumns(byId('webhook-log-body'));
}

function attemptRow(a: Attempt): HTMLTableRowElement {
  const row = el('tr');
  const result =
    a.status === 'delivered'
      ? 'Delivered'
      : a.delivery_status === 'pending'
        ? 'Failed, will retry'
        : a.delivery_status === 'failed'
          ? 'Failed, given up'
          : 'Failed';
  row.append(
    el('td', formatDate(a.attempted_at)),
    el('td', a.event_type),
    el('td', String(a.attempt)),
    el('td', result),
    el('td', a.response_status === null ? '—' : String(a.response_status)),
    el('td', `${a.duration_ms} ms`),
    el('td', a.error ?? '—', { class: 'wrap-anywhere' }),
  );
  return row;
}

/** Shows a secret the API will never show again, with a way to copy it. */
function showSecret(hook: WebhookWithSecret): void {
  byId('webhook-secret-url').textContent = hook.url;
  byId('webhook-secret').textContent = hook.secret;
  const box = byId('webhook-secret-box');
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
  byId('webhook-secret-copy').focus();
}

function hideSecret(): void {
  byId('webhook-secret-box').hidden = true;
  byId('webhook-secret').textContent = '';
  byId('webhook-secret-url').textContent = '';
}

/** Copies the secret; where the clipboard is not allowed (plain http), selects it instead. */
async function copySecret(): Promise<void> {
  const secret = byId('webhook-secret');
  try {
    await navigator.clipboard.writeText(secret.textContent ?? '');
    notice('Secret copied. Paste it into the receiving tool’s settings.');
  } catch {
    const range = document.createRange();
    range.selectNodeContents(secret);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    notice('The secret is selected: copy it with Ctrl+C (⌘C on a Mac).');
  }
}

/** Wires the form, the secret box and the log's refresh. */
export function setUpWebhooksView(): void {
  byId('webhook-secret-copy').addEventListener('click', () => void copySecret());
  byId('webhook-secret-done').addEventListener('click', hideSecret);
  forgetOnLeave('webhooks-view', hideSecret);
  byId('webhook-log-refresh').addEventListener('click', () => void guarded(showLog));
  byId<HTMLFormElement>('webhook-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const description = text('description');
    const body = {
      url: text('url'),
      events: data.getAll('events').filter((e): e is string => typeof e === 'string'),
      ...(description ? { description } : {}),
    };
    const error = byId('webhook-error');
    error.textContent = '';
    if (body.events.length === 0) {
      error.textContent = 'Pick at least one event.';
      return;
    }
    void (async () => {
      try {
        const created = await session.json<WebhookWithSecret>('/webhooks', {
          method: 'POST',
          body: JSON.stringify(body),
        });
        form.reset();
        const done = 'Webhook added. Copy its secret now: it is shown only once.';
        showSecret(created);
        notice(done);
        await redrawBesideSecret(done);
      } catch (e) {
        if (e instanceof SignedOut)
          return showSignIn('Your session has ended. Please sign in again.');
        error.textContent = e instanceof ApiFailure ? e.message : 'Could not add the webhook.';
      }
    })();
  });
}
