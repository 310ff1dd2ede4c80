/** The outcome buttons on a lead's page: Retained (after reaching out) and Declined. */

import { guarded, notice } from './admin-page.js';
import { byId } from './dom.js';
import type { Lead } from './lead.js';
import { session } from './session.js';

export function showOutcomeButtons(lead: Lead, reload: () => Promise<void>): void {
  const retained = byId<HTMLButtonElement>('mark-retained');
  const declined = byId<HTMLButtonElement>('mark-declined');
  const reason = byId<HTMLInputElement>('decline-reason');
  retained.hidden = lead.state !== 'REACHED_OUT';
  declined.hidden = lead.state === 'RETAINED' || lead.state === 'DECLINED';
  byId('decline-box').hidden = declined.hidden;
  reason.value = '';
  const move = (button: HTMLButtonElement, body: Record<string, string>, done: string) => () =>
    void guarded(async () => {
      button.disabled = true;
      try {
        await session.json(`/leads/${lead.id}`, { method: 'PUT', body: JSON.stringify(body) });
        await reload();
        notice(done);
      } finally {
        button.disabled = false;
      }
    });
  retained.onclick = move(retained, { state: 'RETAINED' }, 'Marked as retained.');
  declined.onclick = () => {
    const why = reason.value.trim();
    move(
      declined,
      why ? { state: 'DECLINED', reason: why } : { state: 'DECLINED' },
      'Marked as declined.',
    )();
  };
}
