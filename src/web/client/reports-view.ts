/**
 * The Reports view (#/reports?from=…&to=…, every staff member; issue 15): GET /reports/intake
 * drawn as charts — leads per week by source, time to first contact, conversion by source — and
 * the per-attorney table. The period lives in the address, so a report can be bookmarked.
 */

import { guarded, show } from './admin-page.js';
import { byId, el, labelColumns } from './dom.js';
import { draw, formatMinutes, formatRate, PALETTE } from './report-charts.js';
import { session } from './session.js';

const STATES = ['PENDING', 'REACHED_OUT', 'RETAINED', 'DECLINED'] as const;
const STATE_NAMES: Record<(typeof STATES)[number], string> = {
  PENDING: 'Pending',
  REACHED_OUT: 'Reached out',
  RETAINED: 'Retained',
  DECLINED: 'Declined',
};
const DAY_MS = 24 * 3_600_000;

interface IntakeReport {
  from: string;
  to: string;
  total: number;
  by_state: Record<(typeof STATES)[number], number>;
  by_source: { source: string; total: number; retained: number; conversion_rate: number | null }[];
  conversion_rate: number | null;
  time_to_first_contact: { median_minutes: number | null; p90_minutes: number | null };
  per_attorney: {
    user: { id: string; email: string; name: string };
    assigned: number;
    reached_out: number;
    retained: number;
    median_minutes: number | null;
    overdue: number;
  }[];
  reminders: number;
  escalations: number;
  weekly: { week_start: string; source: string; total: number }[];
}

export function setUpReportsView(): void {
  byId<HTMLFormElement>('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of ['from', 'to']) {
      const value = byId<HTMLInputElement>(`report-${name}`).value;
      if (value) params.set(name, value);
    }
    const hash = `#/reports${params.size ? `?${params}` : ''}`;
    // The same period again: no hashchange, so show it (fresh figures) directly.
    if (location.hash === hash) void guarded(() => showReports(params));
    else location.hash = hash;
  });
}

/** `query`: the address's from/to (dates), passed to the API as they are. */
export async function showReports(query: URLSearchParams): Promise<void> {
  const params = new URLSearchParams();
  for (const name of ['from', 'to']) {
    const value = query.get(name);
    if (value) params.set(name, value);
  }
  const report = await session.json<IntakeReport>(
    `/reports/intake${params.size ? `?${params}` : ''}`,
  );
  show('reports-view');
  const lastDay = new Date(Date.parse(report.to) - 1).toISOString().slice(0, 10);
  byId<HTMLInputElement>('report-from').value = report.from.slice(0, 10);
  byId<HTMLInputElement>('report-to').value = lastDay;
  byId('report-period').textContent =
    `Leads received ${report.from.slice(0, 10)} to ${lastDay} (UTC), spam left out.`;
  figures(report);
  attorneys(report);
  await Promise.all([weekly(report), contact(report), conversion(report)]);
}

function figures(r: IntakeReport): void {
  const items: [string, string][] = [
    ['Leads', String(r.total)],
    ...STATES.map((s) => [STATE_NAMES[s], String(r.by_state[s])] as [string, string]),
    ['Conversion (retained ÷ decided)', formatRate(r.conversion_rate)],
    ['Median time to first contact', formatMinutes(r.time_to_first_contact.median_minutes)],
    ['90 % contacted within', formatMinutes(r.time_to_first_contact.p90_minutes)],
    ['Reminders', String(r.reminders)],
    ['Escalations', String(r.escalations)],
  ];
  byId('report-figures').replaceChildren(
    ...items.map(([term, value]) => {
      const item = el('div');
      item.append(el('dt', term), el('dd', value));
      return item;
    }),
  );
}

function attorneys(r: IntakeReport): void {
  const body = byId('attorney-body');
  body.replaceChildren(
    ...r.per_attorney.map((a) => {
      const row = el('tr');
      row.append(
        el('td', a.user.name),
        el('td', String(a.assigned)),
        el('td', String(a.reached_out)),
        el('td', String(a.retained)),
        el('td', formatMinutes(a.median_minutes)),
        el('td', String(a.overdue)),
      );
      return row;
    }),
  );
  if (r.per_attorney.length === 0) {
    const row = el('tr');
    row.append(el('td', 'No leads assigned in this period.', { colspan: '6' }));
    body.append(row);
  }
  labelColumns(body);
}

/** A source's colour in every chart: by its place in `by_source` (most leads first). */
function colourOf(r: IntakeReport, source: string): string {
  return PALETTE[r.by_source.findIndex((s) => s.source === source) % PALETTE.length];
}

/** Every Monday from the week of `from` to the week of the range's last instant. */
function weeksOf(r: IntakeReport): string[] {
  const monday = (ms: number) => {
    const d = new Date(ms);
    const back = (d.getUTCDay() + 6) % 7;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back);
  };
  const weeks: string[] = [];
  for (let w = monday(Date.parse(r.from)); w <= monday(Date.parse(r.to) - 1); w += 7 * DAY_MS) {
    weeks.push(new Date(w).toISOString().slice(0, 10));
  }
  return weeks;
}

async function weekly(r: IntakeReport): Promise<void> {
  const weeks = weeksOf(r);
  const sources = r.by_source.map((s) => s.source);
  const datasets = sources.map((source) => ({
    label: source,
    backgroundColor: colourOf(r, source),
    data: weeks.map(
      (week) => r.weekly.find((w) => w.week_start === week && w.source === source)?.total ?? 0,
    ),
  }));
  const byWeek = weeks
    .map((week) => {
      const parts = r.weekly.filter((w) => w.week_start === week);
      const total = parts.reduce((sum, w) => sum + w.total, 0);
      return `week of ${week}: ${total}${parts.length ? ` (${parts.map((w) => `${w.source} ${w.total}`).join(', ')})` : ''}`;
    })
    .join('; ');
  const text = r.total ? `Leads per week by source: ${byWeek}.` : 'No leads in this period.';
  byId('weekly-caption').textContent = text;
  await draw(byId<HTMLCanvasElement>('weekly-chart'), text, {
    type: 'bar',
    data: { labels: weeks, datasets },
    options: {
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

async function contact(r: IntakeReport): Promise<void> {
  const t = r.time_to_first_contact;
  const labels = ['Median', '90th percentile'];
  const text =
    t.median_minutes === null
      ? 'Time to first contact: no lead was contacted in this period.'
      : `Time to first contact: median ${formatMinutes(t.median_minutes)}, ` +
        `90th percentile ${formatMinutes(t.p90_minutes)}.`;
  byId('contact-caption').textContent = text;
  await draw(byId<HTMLCanvasElement>('contact-chart'), text, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          label: 'Minutes from receipt to first contact',
          backgroundColor: [PALETTE[0], PALETTE[1]],
          data: [t.median_minutes ?? 0, t.p90_minutes ?? 0],
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
      plugins: { legend: { display: false } },
    },
  });
}

async function conversion(r: IntakeReport): Promise<void> {
  const decided = r.by_source.filter((s) => s.conversion_rate !== null);
  const text = r.by_source.length
    ? 'Conversion by source (retained ÷ decided): ' +
      r.by_source
        .map(
          (s) =>
            `${s.source} ${s.conversion_rate === null ? 'none decided yet' : formatRate(s.conversion_rate)}` +
            ` (${s.retained} retained of ${s.total})`,
        )
        .join('; ') +
      '.'
    : 'Conversion by source: no leads in this period.';
  byId('conversion-caption').textContent = text;
  await draw(byId<HTMLCanvasElement>('conversion-chart'), text, {
    type: 'bar',
    data: {
      labels: decided.map((s) => s.source),
      datasets: [
        {
          label: 'Retained ÷ decided (%)',
          // Each source keeps its colour from the weekly chart.
          backgroundColor: decided.map((s) => colourOf(r, s.source)),
          data: decided.map((s) => Math.round((s.conversion_rate ?? 0) * 1000) / 10),
        },
      ],
    },
    options: {
      scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v} %` } } },
      plugins: { legend: { display: false } },
    },
  });
}
