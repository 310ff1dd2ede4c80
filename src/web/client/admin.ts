import { byId, el, formatDate } from './dom.js';
import { ApiFailure, session, SignedOut } from './session.js';

interface StaffRef {
  id: string;
  email: string;
  name: string;
}
interface Lead {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  resume:
    | { url: string }
    | { filename: string; content_type: string; size: number; download_url: string }
    | null;
  state: 'PENDING' | 'REACHED_OUT';
  created_at: string;
  reached_out_at: string | null;
  reached_out_by: StaffRef | null;
  history?: { from: string; to: string; by: StaffRef | null; at: string }[];
  notifications?: {
    kind: string;
    recipient: string;
    status: string;
    attempts: number;
    last_error: string | null;
  }[];
}
interface User extends StaffRef {
  role: 'admin' | 'attorney';
  active: boolean;
}

const PAGE_SIZE = 20;
const VIEWS = ['signin-view', 'leads-view', 'lead-view', 'users-view'] as const;
const STATE_LABELS = { PENDING: 'Pending', REACHED_OUT: 'Reached out' };
let me: User | null = null;
let listState = { offset: 0, q: '', state: '' };
let expiryTimer: number | undefined;
let lastActivity = Date.now();
for (const event of ['pointerdown', 'keydown']) {
  document.addEventListener(event, () => (lastActivity = Date.now()), { passive: true });
}

function show(view: (typeof VIEWS)[number]): void {
  for (const v of VIEWS) byId(v).hidden = v !== view;
  byId('nav').hidden = view === 'signin-view';
}

function notice(text: string): void {
  byId('notice').textContent = text;
}

/** Runs a page action; a lapsed session goes back to sign-in, other failures become a notice. */
async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SignedOut)
      return showSignIn('Your session has ended. Please sign in again.');
    notice(error instanceof ApiFailure ? error.message : 'Something went wrong. Please try again.');
  }
}

function showSignIn(message = ''): void {
  me = null;
  window.clearTimeout(expiryTimer);
  notice(message);
  show('signin-view');
  byId<HTMLInputElement>('username').focus();
}

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
  me = await session.json<User>('/users/me');
  byId('whoami').textContent = `${me.name} (${me.role})`;
  byId('nav-users').hidden = me.role !== 'admin';
  window.clearTimeout(expiryTimer);
  const issuedAt = Date.now();
  // When the access token lapses: renewed if the attorney used the page meanwhile (the server
  // ends sessions unused for SESSION_IDLE_TIMEOUT), else the page stops showing the leads.
  expiryTimer = window.setTimeout(() => {
    void (async () => {
      if (lastActivity > issuedAt && (await session.refresh())) return loadMe();
      session.signOut();
      showSignIn('Your session has expired. Please sign in again.');
    })();
  }, session.msUntilExpiry());
}

async function route(): Promise<void> {
  if (!(await session.ensureToken())) return showSignIn();
  notice('');
  const path = location.hash.replace(/^#/, '') || '/leads';
  const leadMatch = /^\/leads\/([0-9a-f-]{36})$/i.exec(path);
  if (leadMatch) return showLead(leadMatch[1]);
  if (path === '/users' && me?.role === 'admin') return showUsers();
  return showLeads();
}

// ---- Leads list -------------------------------------------------------------------------------

async function showLeads(): Promise<void> {
  show('leads-view');
  const params = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String(listState.offset),
  });
  if (listState.q) params.set('q', listState.q);
  if (listState.state) params.set('state', listState.state);
  const res = await session.fetch(`/leads?${params.toString()}`);
  const leads = (await res.json()) as Lead[];
  const total = Number(res.headers.get('X-Total-Count') ?? leads.length);
  const body = byId('leads-body');
  body.replaceChildren(
    ...leads.map((lead) => {
      const row = el('tr');
      const name = el('td');
      name.append(el('a', `${lead.first_name} ${lead.last_name}`, { href: `#/leads/${lead.id}` }));
      const state = el('td');
      state.append(el('span', STATE_LABELS[lead.state], { class: `state ${lead.state}` }));
      row.append(name, el('td', lead.email), state, el('td', formatDate(lead.created_at)));
      return row;
    }),
  );
  if (leads.length === 0) {
    const row = el('tr');
    row.append(el('td', 'No leads match.', { colspan: '4' }));
    body.append(row);
  }
  const from = total === 0 ? 0 : listState.offset + 1;
  byId('page-info').textContent = `${from}–${listState.offset + leads.length} of ${total}`;
  byId<HTMLButtonElement>('prev-page').disabled = listState.offset === 0;
  byId<HTMLButtonElement>('next-page').disabled = listState.offset + PAGE_SIZE >= total;
}

// ---- One lead ---------------------------------------------------------------------------------

async function showLead(id: string): Promise<void> {
  const lead = await session.json<Lead>(`/leads/${id}`);
  show('lead-view');
  byId('lead-title').textContent = `${lead.first_name} ${lead.last_name}`;
  const details: [string, string][] = [
    ['Email', lead.email],
    ['State', STATE_LABELS[lead.state]],
    ['Received', formatDate(lead.created_at)],
    [
      'Reached out',
      lead.reached_out_at
        ? `${formatDate(lead.reached_out_at)} by ${lead.reached_out_by?.name ?? 'a former user'}`
        : '—',
    ],
    [
      'CV',
      !lead.resume
        ? '—'
        : 'url' in lead.resume
          ? lead.resume.url
          : `${lead.resume.filename} (${Math.ceil(lead.resume.size / 1024)} KB)`,
    ],
  ];
  byId('lead-details').replaceChildren(...details.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));

  const download = byId<HTMLButtonElement>('download-cv');
  const link = byId<HTMLAnchorElement>('cv-link');
  download.hidden = !lead.resume || 'url' in lead.resume;
  link.hidden = !lead.resume || !('url' in lead.resume);
  if (lead.resume && 'url' in lead.resume && /^https?:\/\//i.test(lead.resume.url))
    link.href = lead.resume.url;
  download.onclick = () => void guarded(() => downloadCv(lead));

  const mark = byId<HTMLButtonElement>('mark-reached');
  mark.hidden = lead.state === 'REACHED_OUT';
  mark.onclick = () =>
    void guarded(async () => {
      mark.disabled = true;
      try {
        await session.json(`/leads/${lead.id}`, {
          method: 'PUT',
          body: JSON.stringify({ state: 'REACHED_OUT' }),
        });
        await showLead(lead.id);
        notice('Marked as reached out.');
      } finally {
        mark.disabled = false;
      }
    });

  byId('lead-history').replaceChildren(
    ...(lead.history?.length
      ? lead.history.map((h) =>
          el('li', `${formatDate(h.at)}: ${h.from} → ${h.to} by ${h.by?.name ?? 'a former user'}`),
        )
      : [el('li', 'No changes yet.')]),
  );
  byId('lead-notifications').replaceChildren(
    ...(lead.notifications ?? []).map((n) => {
      const row = el('tr');
      const status =
        n.last_error && n.status !== 'sent' ? `${n.status} (${n.last_error})` : n.status;
      row.append(
        el('td', n.kind === 'attorney-notice' ? 'Attorney notice' : 'Acknowledgement'),
        el('td', n.recipient),
        el('td', status),
        el('td', String(n.attempts)),
      );
      return row;
    }),
  );
}

async function downloadCv(lead: Lead): Promise<void> {
  if (!lead.resume || 'url' in lead.resume) return;
  const res = await session.fetch(lead.resume.download_url);
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', '', { href: url, download: lead.resume.filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- Users (admins) ---------------------------------------------------------------------------

async function showUsers(): Promise<void> {
  const users = await session.json<User[]>('/users');
  show('users-view');
  byId('users-body').replaceChildren(
    ...users.map((user) => {
      const row = el('tr');
      const actions = el('td');
      if (user.id !== me?.id && user.active) {
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
}

async function changeUser(user: User, change: object, done: string): Promise<void> {
  await session.json(`/users/${user.id}`, { method: 'PATCH', body: JSON.stringify(change) });
  await showUsers();
  notice(done);
}

// ---- Wiring -----------------------------------------------------------------------------------

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
        await route();
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
  void session.revoke().then(() => {
    history.replaceState(null, '', '/admin'); // no hashchange: the notice below stays
    showSignIn('You have signed out.');
  });
});

byId<HTMLFormElement>('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  listState = {
    offset: 0,
    q: byId<HTMLInputElement>('q').value.trim(),
    state: byId<HTMLSelectElement>('state').value,
  };
  void guarded(showLeads);
});
byId('prev-page').addEventListener('click', () => {
  listState.offset = Math.max(0, listState.offset - PAGE_SIZE);
  void guarded(showLeads);
});
byId('next-page').addEventListener('click', () => {
  listState.offset += PAGE_SIZE;
  void guarded(showLeads);
});

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

window.addEventListener('hashchange', () => void guarded(route));
void start();
