import { BadRequestException } from '@nestjs/common';
import { exclusiveEnd, parseIsoBound } from '../../common/iso-date';
import type { ReportRange } from '../intake-report';
import type { IntakeReportQueryDto } from './intake-report.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RANGE_DAYS = 30;
/** A year, leap day included: what a report may span (and what its index scan is sized for). */
export const MAX_RANGE_DAYS = 366;

/** `from`/`to` (validated) → instants: `to` exclusive, defaults the last 30 days up to now. */
export function toReportRange(query: IntakeReportQueryDto, now = new Date()): ReportRange {
  const fromBound = query.from ? parseIsoBound(query.from) : null;
  const toBound = query.to ? parseIsoBound(query.to) : null;
  const to = toBound ? exclusiveEnd(toBound) : now;
  const from = fromBound ? fromBound.at : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) {
    throw new BadRequestException(['from must not be after to (which defaults to now)']);
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new BadRequestException([`the range from … to must not exceed ${MAX_RANGE_DAYS} days`]);
  }
  return { from, to };
}
