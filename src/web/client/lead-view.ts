/**
 * One lead (#/leads/{id}): details, CV, "mark reached out", history, notifications and (admins)
 * erasure; an erased lead shows what is left of it.
 */

import { currentUser, guarded, notice, show } from './admin-page.js';
import { byId, el, formatDate, labelColumns, mailto } from './dom.js';
import { download } from './download.js';
import { STATE_LABELS, type Lead } from './lead.js';
import { showOutcomeButtons } from './lead-outcome.js';
import { currentListHash } from './leads-view.js';
import { anonymousRecord, offerErasure, rememberLeads } from './lead-erasure.js';
import { ApiFailure, session } from './session.js';
import { showLeadTriage } from './triage-view.js';

/** What an erased lead shows where its personal data was (as the API's lists do). */
const ERASED = '[erased]';

export async function showLead(id: string): Promise<void> {
  const lead = await session.json<Lead>(`/leads/${id}`).catch((error: unknown) => {
    if (error instanceof ApiFailure && error.error.status === 410) return null;
    throw error;
  });
  if (!lead) return showErasedLead(id);
  rememberLeads([lead]);
  show('lead-view');
  showErased(false);
  byId('lead-title').textContent = `${lead.first_name} ${lead.last_name}`;
  await showLeadTriage(lead, () => showLead(lead.id));
  byId<HTMLAnchorElement>('back-to-list').href = currentListHash();
  const email = el('a', lead.email, { href: mailto(lead.email) });
  const details: [string, string | Node][] = [
    ['Reference', lead.reference],
    ['Email', email],
    ['Phone', lead.phone ?? '—'],
    ['Their matter', lead.message ?? '—'],
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
  showDetails(details);

  const cvButton = byId<HTMLButtonElement>('download-cv');
  const link = byId<HTMLAnchorElement>('cv-link');
  cvButton.hidden = !lead.resume || 'url' in lead.resume;
  link.hidden = !lead.resume || !('url' in lead.resume);
  if (lead.resume && 'url' in lead.resume && /^https?:\/\//i.test(lead.resume.url))
    link.href = lead.resume.url;
  const file = lead.resume && !('url' in lead.resume) ? lead.resume : null;
  cvButton.onclick = file
    ? () => void guarded(() => download(file.download_url, file.filename))
    : null;

  showReachedOut(lead);
  showOutcomeButtons(lead, () => showLead(lead.id));
  offerErasure(lead, () => showLead(lead.id));
  byId('lead-history').replaceChildren(
    ...(lead.history?.length
      ? lead.history.map((h) =>
          el(
            'li',
            `${formatDate(h.at)}: ${h.from} → ${h.to} by ${h.by?.name ?? 'a former user'}` +
              (h.reason ? ` (${h.reason})` : ''),
          ),
        )
      : [el('li', 'No changes yet.')]),
  );
  byId('lead-notifications').replaceChildren(
    ...(lead.notifications ?? []).map((n) => {
      const row = el('tr');
      row.append(
        el('td', n.kind === 'attorney-notice' ? 'Attorney notice' : 'Acknowledgement'),
        el('td', n.recipient),
        statusCell(n),
        el('td', String(n.attempts)),
      );
      return row;
    }),
  );
  labelColumns(byId('lead-notifications'));
}

function showDetails(details: [string, string | Node][]): void {
  byId('lead-details').replaceChildren(
    ...details.flatMap(([k, v]) => {
      const dd = el('dd');
      dd.append(v);
      return [el('dt', k), dd];
    }),
  );
}

/** An erased lead (GET answers 410): its anonymous record as far as this tab saw it, no actions. */
function showErasedLead(id: string): void {
  const record = anonymousRecord(id);
  show('lead-view');
  showErased(true);
  byId('lead-title').textContent = ERASED;
  byId('lead-triage').replaceChildren();
  byId<HTMLAnchorElement>('back-to-list').href = currentListHash();
  showDetails([
    ['Reference', record?.reference ?? '—'],
    ['Name', ERASED],
    ['Email', ERASED],
    ['State', record ? STATE_LABELS[record.state] : '—'],
    ['Received', formatDate(record?.created_at ?? null)],
    [
      'Reached out',
      record?.reached_out_at
        ? `${formatDate(record.reached_out_at)} by ${record.reached_out_by?.name ?? 'a former user'}`
        : '—',
    ],
  ]);
}

/** Erased: the note shows; the actions, history and notifications (410 with the lead) do not. */
function showErased(erased: boolean): void {
  byId('lead-erased').hidden = !erased;
  byId('lead-activity').hidden = erased;
  if (!erased) return;
  for (const id of ['download-cv', 'cv-link', 'mark-reached', 'mark-retained', 'mark-declined'])
    byId(id).hidden = true;
  for (const id of ['decline-box', 'reached-status', 'danger-zone']) byId(id).hidden = true;
}

/**
 * A bounce (the server refused the address for good: nodemailer's "recipients were rejected")
 * reads as what it means for the attorney, with the server's own words underneath.
 */
function statusCell(n: NonNullable<Lead['notifications']>[number]): HTMLTableCellElement {
  const cell = el('td');
  if (!n.last_error || n.status === 'sent') {
    cell.textContent = n.status;
  } else if (n.status === 'failed' && /recipients were rejected/i.test(n.last_error)) {
    const whose = n.kind === 'lead-acknowledgement' ? "The prospect's" : "The recipient's";
    cell.append(
      `${whose} address was refused`,
      el('span', n.last_error, { class: 'bounce-detail' }),
    );
  } else {
    cell.textContent = `${n.status} (${n.last_error})`;
  }
  return cell;
}

/** "Mark reached out" (after an in-page confirmation), or who already did and when. */
function showReachedOut(lead: Lead): void {
  const mark = byId<HTMLButtonElement>('mark-reached');
  const status = byId('reached-status');
  const dialog = byId<HTMLDialogElement>('confirm-reached');
  mark.hidden = lead.state !== 'PENDING';
  status.hidden = lead.state === 'PENDING';
  status.textContent = lead.state === 'PENDING' ? '' : reachedOutText(lead);
  mark.onclick = () => dialog.showModal();
  byId('confirm-reached-no').onclick = () => dialog.close();
  byId('confirm-reached-yes').onclick = () => {
    dialog.close();
    // Resumable: if the session has ended, it is sent again once the attorney signs back in.
    void guarded(() => markReachedOut(lead.id), { resumable: true });
  };
}

async function markReachedOut(id: string): Promise<void> {
  const mark = byId<HTMLButtonElement>('mark-reached');
  mark.disabled = true;
  try {
    const updated = await session.json<Lead>(`/leads/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ state: 'REACHED_OUT' }),
    });
    await showLead(id);
    // 200 either way; a colleague who got there first is named rather than overwritten.
    const byOther = updated.reached_out_by && updated.reached_out_by.id !== currentUser()?.id;
    notice(byOther ? `${reachedOutText(updated)}` : 'Marked as reached out.');
  } finally {
    mark.disabled = false;
  }
}

function reachedOutText(lead: Lead): string {
  const by = lead.reached_out_by;
  if (!lead.reached_out_at) return `${STATE_LABELS[lead.state]}.`;
  if (by && by.id === currentUser()?.id)
    return `You reached out at ${formatDate(lead.reached_out_at)}.`;
  return `Already reached out by ${by?.name ?? 'a former user'} at ${formatDate(lead.reached_out_at)}.`;
}
