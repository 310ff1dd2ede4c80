import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateOrDateTime, NotBefore } from '../../common/decorators/validation.decorators';
import { StaffRef } from '../../leads/dto/lead-response.dto';
import type { IntakeReport } from '../intake-report';

export class IntakeReportQueryDto {
  @ApiPropertyOptional({
    description:
      'Leads received at or after this (inclusive). An ISO-8601 date (`2026-01-31`: from ' +
      'midnight UTC) or date-time. Default: 30 days before `to`',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description:
      'Received before this (exclusive); a bare date includes that whole day. Default: now. ' +
      'Must not be before `from`; the range is at most 366 days',
    example: '2026-01-31',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  @NotBefore('from')
  to?: string;
}

export class ByStateResponse {
  @ApiProperty({ example: 12 })
  PENDING: number;
  @ApiProperty({ example: 30 })
  REACHED_OUT: number;
  @ApiProperty({ example: 9 })
  RETAINED: number;
  @ApiProperty({ example: 7 })
  DECLINED: number;
}

const CONVERSION = {
  type: Number,
  nullable: true,
  example: 0.5625,
  description: 'Retained ÷ decided (retained + declined), 0–1 to four places; null: none decided',
};

export class SourceFiguresResponse {
  @ApiProperty({
    example: 'google',
    description:
      'The lead’s `utm_source` (lower-cased), else its referrer’s host (without `www.`), else ' +
      '`direct`; `unknown` for erased leads, whose source went with their personal data',
  })
  source: string;
  @ApiProperty({ example: 40 })
  total: number;
  @ApiProperty({ example: 9 })
  retained: number;
  @ApiProperty(CONVERSION)
  conversion_rate: number | null;
}

const MINUTES = { type: Number, nullable: true, example: 95.5 };

export class TimeToFirstContactResponse {
  @ApiProperty({
    ...MINUTES,
    description:
      'Median minutes from receipt to REACHED_OUT over the contacted leads (to 0.1; ' +
      'interpolated like PostgreSQL percentile_cont); null: none contacted',
  })
  median_minutes: number | null;
  @ApiProperty({ ...MINUTES, example: 410, description: '90th percentile, the same way' })
  p90_minutes: number | null;
}

export class AttorneyFiguresResponse {
  @ApiProperty({ type: StaffRef })
  user: StaffRef;
  @ApiProperty({ example: 20, description: 'Leads in the range assigned to them (today)' })
  assigned: number;
  @ApiProperty({ example: 17, description: 'Of those, contacted (reached out, by anybody)' })
  reached_out: number;
  @ApiProperty({ example: 5 })
  retained: number;
  @ApiProperty({ ...MINUTES, description: 'Median time to first contact of their leads' })
  median_minutes: number | null;
  @ApiProperty({ example: 1, description: 'Still PENDING after their follow-up fell due' })
  overdue: number;
}

export class WeeklySourceResponse {
  @ApiProperty({ example: '2026-01-05', format: 'date', description: 'Monday (UTC) of the week' })
  week_start: string;
  @ApiProperty({ example: 'google', description: 'As in `by_source`' })
  source: string;
  @ApiProperty({ example: 11 })
  total: number;
}

export class IntakeReportResponse {
  @ApiProperty({ format: 'date-time', description: 'Start of the range (inclusive)' })
  from: string;
  @ApiProperty({ format: 'date-time', description: 'End of the range (exclusive)' })
  to: string;
  @ApiProperty({ example: 58, description: 'Leads received in the range, spam left out' })
  total: number;
  @ApiProperty({ type: ByStateResponse })
  by_state: ByStateResponse;
  @ApiProperty({ type: [SourceFiguresResponse], description: 'Most leads first' })
  by_source: SourceFiguresResponse[];
  @ApiProperty(CONVERSION)
  conversion_rate: number | null;
  @ApiProperty({ type: TimeToFirstContactResponse })
  time_to_first_contact: TimeToFirstContactResponse;
  @ApiProperty({
    type: [AttorneyFiguresResponse],
    description: 'Each user who is the assignee of leads in the range, by name',
  })
  per_attorney: AttorneyFiguresResponse[];
  @ApiProperty({ example: 4, description: 'Leads in the range that got a follow-up reminder' })
  reminders: number;
  @ApiProperty({ example: 1, description: 'Leads in the range escalated to the admins' })
  escalations: number;
  @ApiProperty({
    type: [WeeklySourceResponse],
    description:
      'Leads per week and source (for the Reports chart), oldest week first; weeks and sources ' +
      'without leads are left out',
  })
  weekly: WeeklySourceResponse[];
}

/** Service result → wire (snake_case), in one place. */
export function toIntakeReportResponse(report: IntakeReport): IntakeReportResponse {
  return {
    from: report.from.toISOString(),
    to: report.to.toISOString(),
    total: report.total,
    by_state: report.byState,
    by_source: report.bySource.map((s) => ({
      source: s.source,
      total: s.total,
      retained: s.retained,
      conversion_rate: s.conversionRate,
    })),
    conversion_rate: report.conversionRate,
    time_to_first_contact: {
      median_minutes: report.timeToFirstContact.medianMinutes,
      p90_minutes: report.timeToFirstContact.p90Minutes,
    },
    per_attorney: report.perAttorney.map((a) => ({
      user: a.user,
      assigned: a.assigned,
      reached_out: a.reachedOut,
      retained: a.retained,
      median_minutes: a.medianMinutes,
      overdue: a.overdue,
    })),
    reminders: report.reminders,
    escalations: report.escalations,
    weekly: report.weekly.map((w) => ({
      week_start: w.weekStart,
      source: w.source,
      total: w.total,
    })),
  };
}
