/**
 * API keys (#/api-keys, admins only): the keys other systems use, a form to create one (its
 * secret is shown once, with a copy button), and deletion, which revokes the key at once.
 */

import { forgetOnLeave, guarded, notice, show, showSignIn } from './admin-page.js';
import { byId, el, formatDate, labelColumns } from './dom.js';
import { ApiFailure, session, SignedOut } from './session.js';

/** A key as GET /api-keys returns it; POST adds `key`, the secret itself, that once. */
interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
}

/** The key being deleted: the confirmation dialog names it. */
let revoking: ApiKey | null = null;

export async function showApiKeys(): Promise<void> {
  await listKeys();
  // The secret is shown right after creating the key only: coming back here forgets it.
  hideSecret();
}

async function listKeys(): Promise<void> {
  const keys = await session.json<ApiKey[]>('/api-keys');
  show('api-keys-view');
  byId('api-keys-empty').hidden = keys.length > 0;
  byId('api-keys-table').hidden = keys.length === 0;
  byId('api-keys-body').replaceChildren(...keys.map(keyRow));
  labelColumns(byId('api-keys-body'));
}

function keyRow(key: ApiKey): HTMLTableRowElement {
  const row = el('tr');
  const remove = el('button', 'Delete', { type: 'button', class: 'secondary' });
  remove.setAttribute('aria-label', `Delete key ${key.name}`);
  remove.onclick = () => {
    revoking = key;
    byId('confirm-revoke-title').textContent = `Delete the key “${key.name}”?`;
    byId<HTMLDialogElement>('confirm-revoke').showModal();
    byId('confirm-revoke-no').focus(); // Enter on the open dialog must not delete
  };
  const actions = el('td');
  actions.append(remove);
  row.append(
    el('td', key.name),
    el('td', `${key.prefix}…`, { class: 'key-prefix' }),
    el('td', key.scopes.join(', ')),
    el('td', formatDate(key.created_at)),
    el('td', key.last_used_at ? formatDate(key.last_used_at) : 'Never'),
    actions,
  );
  return row;
}

async function revoke(key: ApiKey): Promise<void> {
  await session.fetch(`/api-keys/${key.id}`, { method: 'DELETE' });
  await listKeys();
  // A key created just now and not yet copied stays on screen, unless it is this one.
  if (byId('new-key').dataset.keyId === key.id) hideSecret();
  notice(`The key “${key.name}” was deleted: it no longer works.`);
}

function showSecret(created: ApiKey & { key: string }): void {
  byId('new-key').dataset.keyId = created.id;
  byId('new-key-name').textContent = created.name;
  byId('new-key-value').textContent = created.key;
  byId('copy-key-status').textContent = '';
  byId('new-key').hidden = false;
  byId('copy-key').focus();
}

function hideSecret(): void {
  byId('new-key').hidden = true;
  delete byId('new-key').dataset.keyId;
  byId('new-key-value').textContent = '';
}

/** The clipboard API needs a secure context; elsewhere the key is selected for Ctrl+C. */
async function copySecret(): Promise<void> {
  const value = byId('new-key-value');
  const status = byId('copy-key-status');
  try {
    await navigator.clipboard.writeText(value.textContent ?? '');
    status.textContent = 'Copied.';
  } catch {
    getSelection()?.selectAllChildren(value);
    status.textContent = 'Could not copy: the key is selected, press Ctrl+C (⌘C on a Mac).';
  }
}

/** Wires the create form, the copy button and the delete confirmation. */
export function setUpApiKeysView(): void {
  byId<HTMLFormElement>('api-key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = byId<HTMLInputElement>('key-name').value.trim();
    const scopes = Array.from(
      form.querySelectorAll<HTMLInputElement>('input[name="scopes"]:checked'),
      (box) => box.value,
    );
    const error = byId('api-key-error');
    error.textContent = scopes.length === 0 ? 'Choose at least one scope.' : '';
    if (scopes.length === 0) return;
    const submit = form.querySelector('button[type="submit"]') as HTMLButtonElement;
    submit.disabled = true; // one click, one key
    void (async () => {
      try {
        const created = await session.json<ApiKey & { key: string }>('/api-keys', {
          method: 'POST',
          body: JSON.stringify({ name, scopes }),
        });
        form.reset();
        // Shown before the list is fetched again: if that fails, the key is not lost with it.
        showSecret(created);
        await listKeys().catch((failure: unknown) => {
          if (failure instanceof SignedOut) throw failure;
          // The key exists: saying it could not be created would have the admin make another.
          notice(
            'Key created. The list could not be refreshed: reload the page once it is copied.',
          );
        });
      } catch (e) {
        if (e instanceof SignedOut)
          return showSignIn('Your session has ended. Please sign in again.');
        error.textContent = e instanceof ApiFailure ? e.message : 'Could not create the key.';
      } finally {
        submit.disabled = false;
      }
    })();
  });
  byId('copy-key').addEventListener('click', () => void copySecret());
  byId('new-key-done').addEventListener('click', hideSecret);
  forgetOnLeave('api-keys-view', hideSecret);
  const dialog = byId<HTMLDialogElement>('confirm-revoke');
  byId('confirm-revoke-no').addEventListener('click', () => dialog.close());
  byId('confirm-revoke-yes').addEventListener('click', () => {
    dialog.close();
    const key = revoking;
    revoking = null;
    if (key) void guarded(() => revoke(key));
  });
}
