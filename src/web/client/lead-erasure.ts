/**
 * Erasing a lead (admins, DELETE /leads/{id}): the lead page's danger zone and a confirmation
 * that says what goes and what stays and asks for the lead's reference. An erased lead answers
 * 410 from then on, so its page shows what this tab saw of its anonymous record.
 */

import { currentUser, guarded, notice } from './admin-page.js';
import { byId } from './dom.js';
import type { Lead } from './lead.js';
import { session } from './session.js';

/** What erasure keeps of a lead and its page still shows: nothing that names the person. */
export type AnonymousRecord = Pick<
  Lead,
  'reference' | 'state' | 'created_at' | 'reached_out_at' | 'reached_out_by'
>;

/** The anonymous part of every lead this tab has shown, by id (only what erasure keeps). */
const seen = new Map<string, AnonymousRecord>();

export function rememberLeads(leads: Lead[]): void {
  for (const lead of leads) {
    const { reference, state, created_at, reached_out_at, reached_out_by } = lead;
    seen.set(lead.id, { reference, state, created_at, reached_out_at, reached_out_by });
  }
}

export function anonymousRecord(id: string): AnonymousRecord | undefined {
  return seen.get(id);
}

/** The danger zone, for admins: erase after typing the lead's reference; then `erased` runs. */
export function offerErasure(lead: Lead, erased: () => Promise<void>): void {
  byId('danger-zone').hidden = currentUser()?.role !== 'admin';
  const dialog = byId<HTMLDialogElement>('confirm-erase');
  const typed = byId<HTMLInputElement>('erase-reference');
  const error = byId('erase-error');
  byId('erase-lead').onclick = () => {
    byId('erase-reference-shown').textContent = lead.reference;
    typed.value = '';
    typed.removeAttribute('aria-invalid');
    error.textContent = '';
    dialog.showModal();
  };
  byId('confirm-erase-no').onclick = () => dialog.close();
  byId<HTMLFormElement>('erase-form').onsubmit = (event) => {
    event.preventDefault();
    // References are shown upper case; search takes any case, and so does this.
    if (typed.value.trim().toUpperCase() !== lead.reference.toUpperCase()) {
      typed.setAttribute('aria-invalid', 'true');
      error.textContent = `That is not this lead’s reference. Type ${lead.reference} to erase it.`;
      typed.focus();
      return;
    }
    dialog.close();
    // Resumable: confirmed on purpose, and erasing twice changes nothing more.
    void guarded(
      async () => {
        await session.fetch(`/leads/${lead.id}`, { method: 'DELETE' });
        await erased();
        notice(`The personal data of lead ${lead.reference} was erased.`);
      },
      { resumable: true },
    );
  };
}
