/**
 * Failed deliveries (#/deliveries, admins only): every e-mail that could not be sent, why, and a
 * way to send it again once the cause is fixed (POST /notifications/{id}/retry, /retry-failed).
 */

import { guarded, notice, show } from './admin-page.js';
import { byId, el } from './dom.js';
import { session } from './session.js';

/** A notification as GET /notifications returns it. */
interface Delivery {
  id: string;
  lead_id: string;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

const KIND_LABELS: Record<string, string> = {
  'lead-acknowledgement': 'Acknowledgement to the prospect',
  'attorney-notice': 'New-lead notice to staff',
};

export async function showDeliveries(): Promise<void> {
  const failed = await session.json<Delivery[]>('/notifications?status=failed&limit=100');
  show('deliveries-view');
  byId<HTMLButtonElement>('retry-all').hidden = failed.length === 0;
  byId('deliveries-empty').hidden = failed.length > 0;
  byId('deliveries-list').replaceChildren(...failed.map(deliveryItem));
}

function deliveryItem(n: Delivery): HTMLLIElement {
  const item = el('li', undefined, { class: 'delivery' });
  const retry = el('button', 'Retry', { type: 'button', class: 'secondary' });
  retry.setAttribute('aria-label', `Retry ${KIND_LABELS[n.kind] ?? n.kind} to ${n.recipient}`);
  retry.onclick = () =>
    void guarded(async () => {
      retry.disabled = true;
      try {
        await session.json(`/notifications/${n.id}/retry`, { method: 'POST' });
        await showDeliveries();
        notice(`The message to ${n.recipient} will be sent again.`);
      } finally {
        retry.disabled = false;
      }
    });
  const details = el('dl', undefined, { class: 'delivery-details' });
  const lead = el('a', 'Open the lead', { href: `#/leads/${n.lead_id}` });
  const leadCell = el('dd');
  leadCell.append(lead);
  details.append(
    el('dt', 'To'),
    el('dd', n.recipient),
    el('dt', 'Message'),
    el('dd', KIND_LABELS[n.kind] ?? n.kind),
    el('dt', 'Lead'),
    leadCell,
    el('dt', 'Last error'),
    el('dd', n.last_error ?? '—'),
    el('dt', 'Attempts'),
    el('dd', String(n.attempts)),
  );
  item.append(details, retry);
  return item;
}

/** Wires "Retry all". */
export function setUpDeliveriesView(): void {
  const all = byId<HTMLButtonElement>('retry-all');
  all.addEventListener('click', () => {
    void guarded(async () => {
      all.disabled = true;
      try {
        const { retried } = await session.json<{ retried: number }>('/notifications/retry-failed', {
          method: 'POST',
        });
        await showDeliveries();
        notice(
          retried === 1
            ? '1 message will be sent again.'
            : `${retried} messages will be sent again.`,
        );
      } finally {
        all.disabled = false;
      }
    });
  });
}
