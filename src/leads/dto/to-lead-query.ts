import { exclusiveEnd, parseIsoBound } from '../../common/iso-date';
import type { LeadQuery } from '../leads.service';
import { triageParams } from '../triage/triage-filters';
import type { ListLeadsQueryDto } from './lead.dto';

/** List query (validated) → service input: `from`/`to` become instants, `to` exclusive. */
export function toLeadQuery(query: ListLeadsQueryDto): LeadQuery {
  const from = query.from ? parseIsoBound(query.from) : null;
  const to = query.to ? parseIsoBound(query.to) : null;
  return {
    limit: query.limit,
    offset: query.offset,
    state: query.state,
    q: query.q,
    receivedFrom: from?.at,
    receivedBefore: to ? exclusiveEnd(to) : undefined,
    sort: query.sort ?? '-created_at',
    spam: query.spam,
    duplicate: query.duplicate,
    conflict: query.conflict,
  };
}

/** The filters a page's `Link` URLs repeat, as the client sent them. */
export function leadListFilters(query: ListLeadsQueryDto): Record<string, string | undefined> {
  return {
    state: query.state,
    q: query.q,
    from: query.from,
    to: query.to,
    sort: query.sort,
    ...triageParams(query),
  };
}
