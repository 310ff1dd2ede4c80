/** The staff accounts (#/users, admins only): list, deactivate, reset a password, add a user. */

import { currentUser, guarded, notice, show, showSignIn } from './admin-page.js';
import { byId, el, labelColumns } from './dom.js';
import { ApiFailure, session, SignedOut } from './session.js';
import type { User } from './user.js';

export async function showUsers(): Promise<void> {
  const users = await session.json<User[]>('/users');
  show('users-view');
  byId('users-body').replaceChildren(
    ...users.map((user) => {
      const row = el('tr');
      const actions = el('td');
      if (user.id !== currentUser()?.id && user.active) {
        const deactivate = el('button', 'Deactivate', { type: 'button', class: 'secondary' });
        deactivate.setAttribute('aria-label', `Deactivate ${user.name}`);
        deactivate.onclick = () =>
          void guarded(() =>
            changeUser(user, { active: false }, `${user.name} can no longer sign in.`),
          );
        actions.append(deactivate, ' ');
      }
      const reset = el('button', 'Reset password', { type: 'button', class: 'secondary' });
      reset.setAttribute('aria-label', `Reset password of ${user.name}`);
      reset.onclick = () => {
        const password = window.prompt(`New password for ${user.name} (at least 12 characters):`);
        if (password)
          void guarded(() => changeUser(user, { password }, `Password of ${user.name} changed.`));
      };
      actions.append(reset);
      row.append(
        el('td', user.name),
        el('td', user.email),
        el('td', user.role),
        el('td', user.active ? 'Active' : 'Deactivated'),
        actions,
      );
      return row;
    }),
  );
  labelColumns(byId('users-body'));
}

async function changeUser(user: User, change: object, done: string): Promise<void> {
  await session.json(`/users/${user.id}`, { method: 'PATCH', body: JSON.stringify(change) });
  await showUsers();
  notice(done);
}

/** Wires the "Add a user" form. */
export function setUpUsersView(): void {
  byId<HTMLFormElement>('user-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const error = byId('user-error');
    error.textContent = '';
    void (async () => {
      try {
        await session.json('/users', { method: 'POST', body: JSON.stringify(data) });
        form.reset();
        await showUsers();
        notice(`${data.name} can now sign in.`);
      } catch (e) {
        if (e instanceof SignedOut)
          return showSignIn('Your session has ended. Please sign in again.');
        error.textContent = e instanceof ApiFailure ? e.message : 'Could not add the user.';
      }
    })();
  });
}
