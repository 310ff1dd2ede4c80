/** One lead (#/leads/{id}): details, CV, "mark reached out", history and notifications. */

import { guarded, notice, show } from './admin-page.js';
import { byId, el, formatDate } from './dom.js';
import { STATE_LABELS, type Lead } from './lead.js';
import { session } from './session.js';
import { showLeadTriage } from './triage-view.js';

export async function showLead(id: string): Promise<void> {
  const lead = await session.json<Lead>(`/leads/${id}`);
  show('lead-view');
  byId('lead-title').textContent = `${lead.first_name} ${lead.last_name}`;
  await showLeadTriage(lead, () => showLead(lead.id));
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
