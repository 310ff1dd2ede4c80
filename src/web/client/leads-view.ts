/** The list of leads (#/leads): search, state filter and paging. */

import { guarded, show } from './admin-page.js';
import { byId, el, formatDate } from './dom.js';
import { STATE_LABELS, type Lead } from './lead.js';
import { session } from './session.js';
import { triageBadges, triageParams } from './triage-view.js';

const PAGE_SIZE = 20;
let listState = { offset: 0, q: '', state: '' };

export async function showLeads(): Promise<void> {
  show('leads-view');
  const params = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String(listState.offset),
  });
  if (listState.q) params.set('q', listState.q);
  if (listState.state) params.set('state', listState.state);
  triageParams(params);
  const res = await session.fetch(`/leads?${params.toString()}`);
  const leads = (await res.json()) as Lead[];
  const total = Number(res.headers.get('X-Total-Count') ?? leads.length);
  const body = byId('leads-body');
  body.replaceChildren(
    ...leads.map((lead) => {
      const row = el('tr', undefined, { 'data-lead-id': lead.id });
      const name = el('td');
      name.append(el('a', `${lead.first_name} ${lead.last_name}`, { href: `#/leads/${lead.id}` }));
      name.append(...triageBadges(lead));
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

/** Wires the filter form and the pager. */
export function setUpLeadsView(): void {
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
}
