/**
 * The lead list's filters and page, kept in the URL hash (`#/leads?state=all&q=ada&page=2`) so a
 * reload, a bookmark and the back button bring the same list back. No parameters is the "New"
 * view: pending leads, newest first.
 */

import { STATE_LABELS } from './lead.js';

export interface ListState {
  /** A lead state, or `all`. */
  state: string;
  q: string;
  from: string;
  to: string;
  sort: '-created_at' | 'created_at';
  /** Triage: '' (spam hidden) or 'true' (spam only); returning prospects; conflicts. */
  spam: '' | 'true';
  duplicate: '' | 'true' | 'false';
  conflict: '' | 'possible' | 'clear';
  /** Follow-up: '' (anybody's) or 'me'; '' or 'true' (past its follow-up time, still pending). */
  assigned: '' | 'me';
  overdue: '' | 'true';
  page: number;
}

export const NEW_VIEW: ListState = {
  state: 'PENDING',
  q: '',
  from: '',
  to: '',
  sort: '-created_at',
  spam: '',
  duplicate: '',
  conflict: '',
  assigned: '',
  overdue: '',
  page: 1,
};

/** The filters that are one of a few values: their URL and API name, and the values allowed. */
const CHOICES = {
  spam: { param: 'spam', values: ['true'] },
  duplicate: { param: 'duplicate', values: ['true', 'false'] },
  conflict: { param: 'conflict', values: ['possible', 'clear'] },
  assigned: { param: 'assigned_to', values: ['me'] },
  overdue: { param: 'overdue', values: ['true'] },
} as const;
type Choice = keyof typeof CHOICES;
const CHOICE_NAMES = Object.keys(CHOICES) as Choice[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readListState(hash = location.hash): ListState {
  const at = hash.indexOf('?');
  const p = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  const state = p.get('state') ?? NEW_VIEW.state;
  const page = Number(p.get('page') ?? 1);
  const date = (name: string) => {
    const value = p.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  const choice = <C extends Choice>(name: C) => {
    const value = p.get(CHOICES[name].param) ?? '';
    return (
      (CHOICES[name].values as readonly string[]).includes(value) ? value : ''
    ) as ListState[C];
  };
  return {
    state: state === 'all' || state in STATE_LABELS ? state : NEW_VIEW.state,
    q: (p.get('q') ?? '').slice(0, 100),
    from: date('from'),
    to: date('to'),
    sort: p.get('sort') === 'created_at' ? 'created_at' : '-created_at',
    spam: choice('spam'),
    duplicate: choice('duplicate'),
    conflict: choice('conflict'),
    assigned: choice('assigned'),
    overdue: choice('overdue'),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** Sets the chosen filters of `list` on `p`, under their API names. */
function setChoices(p: URLSearchParams, list: ListState): void {
  for (const name of CHOICE_NAMES) if (list[name]) p.set(CHOICES[name].param, list[name]);
}

/** The hash of a list; only what differs from the New view is spelled out. */
export function listHash(list: ListState): string {
  const p = new URLSearchParams();
  if (list.state !== NEW_VIEW.state) p.set('state', list.state);
  if (list.q) p.set('q', list.q);
  if (list.from) p.set('from', list.from);
  if (list.to) p.set('to', list.to);
  if (list.sort !== NEW_VIEW.sort) p.set('sort', list.sort);
  setChoices(p, list);
  if (list.page > 1) p.set('page', String(list.page));
  const query = p.toString();
  return query ? `#/leads?${query}` : '#/leads';
}

/** The GET /leads filters of a list (without paging or order), for `state` (the tabs' counts). */
export function apiFilters(list: ListState, state = list.state): URLSearchParams {
  const p = new URLSearchParams();
  if (state !== 'all') p.set('state', state);
  if (list.q) p.set('q', list.q);
  if (list.from) p.set('from', list.from);
  if (list.to) p.set('to', list.to);
  setChoices(p, list);
  return p;
}
