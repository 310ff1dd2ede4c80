/** Triage on the staff pages (issue 14): list badges and filters, and the lead's triage panel. */

import { currentUser, guarded, notice } from './admin-page.js';
import { byId, el, formatDate } from './dom.js';
import type { Lead } from './lead.js';
import { session } from './session.js';

export function triageBadges(lead: Lead): HTMLElement[] {
  const badges: HTMLElement[] = [];
  if (lead.spam) badges.push(el('span', 'Spam', { class: 'badge spam' }));
  if (lead.duplicate_of) badges.push(el('span', 'Returning', { class: 'badge returning' }));
  if (lead.conflict === 'possible') {
    badges.push(el('span', 'Possible conflict', { class: 'badge conflict' }));
  }
  return badges;
}

/** The lead page's triage: conflict warning and hits, spam reasons (+ release), linked leads. */
export async function showLeadTriage(lead: Lead, reload: () => Promise<void>): Promise<void> {
  const panel = byId('lead-triage');
  const parts: HTMLElement[] = [];
  const hits = lead.conflict_hits ?? [];
  if (hits.length > 0) {
    const warning = el('div', '', { class: 'conflict-warning', role: 'alert' });
    warning.append(
      el('strong', 'Possible conflict of interest — check before any substantive contact.'),
    );
    const list = el('ul');
    for (const hit of hits) {
      const side = hit.matched_on === 'prospect' ? 'The prospect' : 'The other party';
      const where = hit.source === 'register' ? 'conflict register' : 'an earlier lead';
      const item = el('li', `${side} matches `);
      item.append(
        hit.source === 'lead'
          ? el('a', hit.party_name, { href: `#/leads/${hit.party_id}` })
          : el('strong', hit.party_name),
        ` (${where}, rule: ${hit.rule})`,
      );
      list.append(item);
    }
    warning.append(list);
    parts.push(warning);
  }
  if (lead.opposing_party) parts.push(el('p', `Other party: ${lead.opposing_party}`));
  if (lead.spam) parts.push(spamBlock(lead, reload));
  const others = await otherLeadsOf(lead);
  if (others.length > 0) {
    parts.push(el('h2', 'This person’s other leads'));
    const list = el('ul', '', { class: 'plain' });
    for (const other of others) {
      const item = el('li');
      const first = other.id === lead.duplicate_of ? ' (first lead)' : '';
      item.append(
        el('a', `${other.first_name} ${other.last_name}`, { href: `#/leads/${other.id}` }),
        ` — ${formatDate(other.created_at)}${first}`,
      );
      list.append(item);
    }
    parts.push(list);
  }
  panel.replaceChildren(...parts);
}

function spamBlock(lead: Lead, reload: () => Promise<void>): HTMLElement {
  const block = el('div');
  block.append(el('p', `Spam: ${(lead.spam_reasons ?? []).join(', ') || 'marked as spam'}`));
  if (currentUser()?.role === 'admin') {
    const release = el('button', 'Not spam', { type: 'button' });
    release.onclick = () =>
      void guarded(async () => {
        release.disabled = true;
        await session.json(`/leads/${lead.id}/spam`, {
          method: 'PUT',
          body: JSON.stringify({ spam: false }),
        });
        await reload();
        notice('Released from spam: its e-mails are on their way.');
      });
    block.append(release);
  }
  return block;
}

/** The same address's other leads (search by e-mail, then the exact address only). */
async function otherLeadsOf(lead: Lead): Promise<Lead[]> {
  const q = encodeURIComponent(lead.email);
  const found = await session.json<Lead[]>(`/leads?limit=100&q=${q}`);
  return found.filter((l) => l.email === lead.email && l.id !== lead.id);
}
