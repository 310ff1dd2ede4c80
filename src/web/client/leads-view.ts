/** The list of leads (#/leads…): the New view, counts per state, filters, sort and paging. */

import { guarded, notice, show } from './admin-page.js';
import { byId, el, formatDate, labelColumns, mailto } from './dom.js';
import { download } from './download.js';
import { STATE_LABELS, type Lead } from './lead.js';
import { rememberLeads } from './lead-erasure.js';
import { apiFilters, listHash, NEW_VIEW, readListState, type ListState } from './list-state.js';
import { resetNewLeads, watchNewLeads } from './new-leads.js';
import { session } from './session.js';
import { triageBadges } from './triage-view.js';

const PAGE_SIZE = 20;
const TAB_LABELS: Record<string, string> = { PENDING: 'New', all: 'All' };
let lastListHash = '#/leads';
/** Bumped by every load: an older load that answers late must not paint over a newer one. */
let loads = 0;
/** The filters of the list on screen (not of edits not yet applied): what "Export CSV" exports. */
let shownFilters = new URLSearchParams();

/** The hash of the list the attorney last looked at, for the lead page's "back" link. */
export function currentListHash(): string {
  return lastListHash;
}

export async function showLeads(): Promise<void> {
  const list = readListState();
  const mine = ++loads;
  show('leads-view');
  lastListHash = listHash(list);
  fillForm(list);
  const filters = listFilters(list);
  const params = new URLSearchParams(filters);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((list.page - 1) * PAGE_SIZE));
  const res = await session.fetch(`/leads?${params.toString()}`);
  const leads = (await res.json()) as Lead[];
  if (mine !== loads) return;
  shownFilters = filters;
  const total = Number(res.headers.get('X-Total-Count') ?? leads.length);
  renderRows(leads);
  const label = TAB_LABELS[list.state] ?? STATE_LABELS[list.state as Lead['state']];
  byId('leads-caption').textContent =
    `${label} leads, ${list.sort === 'created_at' ? 'oldest' : 'newest'} first`;
  const offset = (list.page - 1) * PAGE_SIZE;
  const first = total === 0 || leads.length === 0 ? 0 : offset + 1;
  byId('page-info').textContent = `${first}–${offset + leads.length} of ${total}`;
  byId<HTMLButtonElement>('prev-page').disabled = list.page === 1;
  byId<HTMLButtonElement>('next-page').disabled = offset + PAGE_SIZE >= total;
  await Promise.all([showCounts(list, mine), resetNewLeads()]);
}

/** A list's GET /leads query without paging: its filters and its order. */
function listFilters(list: ListState): URLSearchParams {
  const params = apiFilters(list);
  params.set('sort', list.sort);
  return params;
}

/** Every lead of the list on screen (all pages) as a CSV file, e.g. leads-2026-11-30.csv. */
async function exportCsv(): Promise<void> {
  const button = byId<HTMLButtonElement>('export-csv');
  button.disabled = true;
  try {
    const filename = `leads-${new Date().toISOString().slice(0, 10)}.csv`;
    await download(`/leads/export.csv?${shownFilters.toString()}`, filename);
    notice(`Exported the leads of this list to ${filename}.`);
  } finally {
    button.disabled = false;
  }
}

function renderRows(leads: Lead[]): void {
  rememberLeads(leads); // an erased lead's page shows its reference and state from here
  const body = byId('leads-body');
  body.replaceChildren(
    ...leads.map((lead) => {
      const row = el('tr', undefined, {
        'data-lead-id': lead.id,
        ...(lead.state === 'PENDING' ? { class: 'pending' } : {}),
      });
      const name = el('td');
      name.append(el('a', `${lead.first_name} ${lead.last_name}`, { href: `#/leads/${lead.id}` }));
      name.append(...triageBadges(lead));
      const email = el('td');
      email.append(el('a', lead.email, { href: mailto(lead.email) }));
      const state = el('td');
      state.append(el('span', STATE_LABELS[lead.state], { class: `state ${lead.state}` }));
      row.append(name, email, state, el('td', formatDate(lead.created_at)));
      return row;
    }),
  );
  if (leads.length === 0) {
    const row = el('tr');
    row.append(el('td', 'No leads match.', { colspan: '4' }));
    body.append(row);
  }
  labelColumns(body);
}

/** One tab per state and "All", each with how many leads the other filters match. */
async function showCounts(list: ListState, mine: number): Promise<void> {
  const states = [...Object.keys(STATE_LABELS), 'all'];
  const counts = await Promise.all(
    states.map(async (state) => {
      const params = apiFilters(list, state);
      params.set('limit', '1');
      const res = await session.fetch(`/leads?${params.toString()}`);
      return Number(res.headers.get('X-Total-Count') ?? 0);
    }),
  );
  if (mine !== loads) return;
  byId('state-tabs').replaceChildren(
    ...states.map((state, i) => {
      const label = TAB_LABELS[state] ?? STATE_LABELS[state as Lead['state']];
      const tab = el('a', `${label} (${counts[i]})`, {
        href: listHash({ ...list, state, page: 1 }),
        id: `tab-${state}`,
      });
      if (state === list.state) tab.setAttribute('aria-current', 'page');
      return tab;
    }),
  );
}

function fillForm(list: ListState): void {
  byId<HTMLInputElement>('q').value = list.q;
  byId<HTMLSelectElement>('state').value = list.state;
  byId<HTMLInputElement>('from').value = list.from;
  byId<HTMLInputElement>('to').value = list.to;
  byId<HTMLSelectElement>('sort').value = list.sort;
  byId<HTMLSelectElement>('filter-spam').value = list.spam;
  byId<HTMLSelectElement>('filter-duplicate').value = list.duplicate;
  byId<HTMLSelectElement>('filter-conflict').value = list.conflict;
  byId<HTMLSelectElement>('filter-assigned').value = list.assigned;
  byId<HTMLInputElement>('filter-overdue').checked = list.overdue === 'true';
}

/** The list the filter form describes (first page). */
function readForm(): ListState {
  const value = (id: string) => byId<HTMLSelectElement | HTMLInputElement>(id).value;
  // The form offers only the values ListState allows; readListState drops anything else.
  return readListState(
    listHash({
      state: value('state'),
      q: value('q').trim(),
      from: value('from'),
      to: value('to'),
      sort: value('sort') === 'created_at' ? 'created_at' : '-created_at',
      spam: value('filter-spam') as ListState['spam'],
      duplicate: value('filter-duplicate') as ListState['duplicate'],
      conflict: value('filter-conflict') as ListState['conflict'],
      assigned: value('filter-assigned') as ListState['assigned'],
      overdue: byId<HTMLInputElement>('filter-overdue').checked ? 'true' : '',
      page: 1,
    }),
  );
}

/** Goes to a list; the hashchange shows it (or shows it now when the hash is already there). */
function go(list: ListState): void {
  const hash = listHash(list);
  if (location.hash === hash || (hash === '#/leads' && location.hash === '')) {
    void guarded(showLeads);
  } else {
    location.hash = hash;
  }
}

/** Wires the filter form, the pager, the export and the new-leads indicator. */
export function setUpLeadsView(): void {
  byId<HTMLFormElement>('filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    go(readForm());
  });
  byId('prev-page').addEventListener('click', () => {
    const list = readListState();
    go({ ...list, page: Math.max(1, list.page - 1) });
  });
  byId('next-page').addEventListener('click', () => {
    const list = readListState();
    go({ ...list, page: list.page + 1 });
  });
  byId('export-csv').addEventListener('click', () => void guarded(exportCsv));
  watchNewLeads(() => go(NEW_VIEW));
}
