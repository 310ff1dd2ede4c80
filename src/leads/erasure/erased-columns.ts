import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Lead } from '../lead.entity';

/** What an erased lead shows where its personal data was. */
export const ERASED = '[erased]';

/**
 * Every personal column of `leads`, and what erasure writes there. One list: a new personal
 * column (phone, message, opposing party, source…) is added here, and erasure covers it. The
 * rest of the row (id, state, dates, assignee) stays, so counts and reports stay right.
 */
export const ERASED_LEAD_COLUMNS: QueryDeepPartialEntity<Lead> = {
  firstName: ERASED,
  lastName: ERASED,
  email: ERASED,
  // The names and e-mail folded for search (and the SQLite FTS index that follows it).
  searchText: '',
  phone: null,
  message: null,
  resumeUrl: null,
  opposingParty: null,
  // Hits name the parties this person matched: who they are in conflict with is theirs too.
  conflictHits: null,
  // Where the person came from (a referrer can name their own page, a tag their newsletter).
  // The report then counts the lead under "unknown".
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  referrer: null,
  sourceKey: null,
};
