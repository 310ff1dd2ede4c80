import type { Lead } from '../lead.entity';

/**
 * The export's columns, in order: the header and how each cell is read from a lead. One list;
 * a new lead column is exported by adding it here.
 */
export const CSV_COLUMNS: readonly { header: string; value: (lead: Lead) => string }[] = [
  { header: 'id', value: (l) => l.id },
  { header: 'reference', value: (l) => l.reference ?? '' },
  { header: 'created_at', value: (l) => l.createdAt.toISOString() },
  { header: 'first_name', value: (l) => l.firstName },
  { header: 'last_name', value: (l) => l.lastName },
  { header: 'email', value: (l) => l.email },
  { header: 'phone', value: (l) => l.phone ?? '' },
  { header: 'message', value: (l) => l.message ?? '' },
  { header: 'opposing_party', value: (l) => l.opposingParty ?? '' },
  { header: 'state', value: (l) => l.state },
  { header: 'spam', value: (l) => String(l.spam) },
  { header: 'duplicate_of', value: (l) => l.duplicateOf ?? '' },
  { header: 'conflict', value: (l) => l.conflict },
  {
    header: 'resume',
    value: (l) => l.resumeUrl ?? (l.resumeFile ? `/leads/${l.id}/resume` : ''),
  },
  { header: 'updated_at', value: (l) => l.updatedAt.toISOString() },
  { header: 'reached_out_at', value: (l) => l.reachedOutAt?.toISOString() ?? '' },
  { header: 'reached_out_by', value: (l) => l.reachedOutBy?.email ?? '' },
  { header: 'assigned_to', value: (l) => l.assignedTo?.email ?? '' },
  { header: 'follow_up_due_at', value: (l) => l.followUpDueAt?.toISOString() ?? '' },
  // The lead's `source`, one column per field.
  { header: 'utm_source', value: (l) => l.utmSource ?? '' },
  { header: 'utm_medium', value: (l) => l.utmMedium ?? '' },
  { header: 'utm_campaign', value: (l) => l.utmCampaign ?? '' },
  { header: 'referrer', value: (l) => l.referrer ?? '' },
];

/** A cell a spreadsheet would run as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell by a leading apostrophe, which spreadsheets show as text. */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
