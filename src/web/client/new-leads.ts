/**
 * "N new leads": while the list is on screen, asks every POLL_MS how many leads arrived since it
 * was shown, and offers to show them — no reload. `?poll-ms=…` in the page's URL shortens the
 * interval (the browser tests use it; nothing else does).
 */

import { byId } from './dom.js';
import type { Lead } from './lead.js';
import { session } from './session.js';

const POLL_MS = 30_000;
/** created_at of the newest lead when the list was last shown; null when there were none. */
let since: string | null | undefined;
/** Bumped by every reset: a check that started before one must not show its stale count. */
let baseline = 0;

/** Remembers the newest lead now, and hides the indicator. */
export async function resetNewLeads(): Promise<void> {
  const mine = ++baseline;
  since = undefined;
  byId('new-leads').hidden = true;
  const [newest] = (await session.json<Lead[]>('/leads?limit=1')) ?? [];
  if (mine !== baseline) return;
  since = newest?.created_at ?? null;
  byId('new-leads').dataset.since = since ?? ''; // tests wait for the baseline
}

/** Starts the polling; `show` runs when the attorney asks to see the new leads. */
export function watchNewLeads(show: () => void): void {
  byId('show-new-leads').addEventListener('click', () => {
    byId('new-leads').hidden = true;
    show();
  });
  const asked = Number(new URLSearchParams(location.search).get('poll-ms'));
  const interval = Number.isSafeInteger(asked) && asked >= 100 ? asked : POLL_MS;
  window.setInterval(() => void check().catch(() => undefined), interval);
}

async function check(): Promise<void> {
  if (since === undefined || byId('leads-view').hidden || !session.token) return;
  const mine = baseline;
  const params = new URLSearchParams({ limit: '1' });
  // Strictly newer than the newest lead already seen (`from` is inclusive).
  if (since) params.set('from', new Date(Date.parse(since) + 1).toISOString());
  const res = await session.fetch(`/leads?${params.toString()}`);
  const count = Number(res.headers.get('X-Total-Count') ?? 0);
  if (count <= 0 || mine !== baseline) return;
  byId('show-new-leads').textContent =
    count === 1 ? '1 new lead — show' : `${count} new leads — show`;
  byId('new-leads').hidden = false;
}
