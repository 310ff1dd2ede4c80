/** The conflict register (#/register, admins only): list, add, remove (issue 14). */

import { guarded, notice, show, showSignIn } from './admin-page.js';
import { byId, el, formatDate } from './dom.js';
import { ApiFailure, session, SignedOut } from './session.js';

interface ConflictParty {
  id: string;
  name: string;
  kind: 'client' | 'adverse' | 'other';
  note: string | null;
  created_at: string;
}

export async function showRegister(): Promise<void> {
  const parties = await session.json<ConflictParty[]>('/conflict-parties?limit=100');
  show('register-view');
  byId('register-body').replaceChildren(
    ...parties.map((party) => {
      const row = el('tr');
      const remove = el('button', 'Remove', { type: 'button', class: 'secondary' });
      remove.setAttribute('aria-label', `Remove ${party.name}`);
      remove.onclick = () => {
        if (!window.confirm(`Remove ${party.name} from the register?`)) return;
        void guarded(async () => {
          await session.fetch(`/conflict-parties/${party.id}`, { method: 'DELETE' });
          await showRegister();
          notice(`${party.name} removed from the register.`);
        });
      };
      const actions = el('td');
      actions.append(remove);
      row.append(
        el('td', party.name),
        el('td', party.kind),
        el('td', party.note ?? ''),
        el('td', formatDate(party.created_at)),
        actions,
      );
      return row;
    }),
  );
}

export function setUpRegisterView(): void {
  byId<HTMLFormElement>('register-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    if (!data.note) delete data.note;
    const error = byId('register-error');
    error.textContent = '';
    void (async () => {
      try {
        await session.json('/conflict-parties', { method: 'POST', body: JSON.stringify(data) });
        form.reset();
        await showRegister();
        notice(`${data.name} added to the register.`);
      } catch (e) {
        if (e instanceof SignedOut)
          return showSignIn('Your session has ended. Please sign in again.');
        error.textContent = e instanceof ApiFailure ? e.message : 'Could not add the party.';
      }
    })();
  });
}
