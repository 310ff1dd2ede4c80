import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { IntakeReportResponse } from './dto/intake-report.dto';

export const ApiIntakeReport = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiOperation({
      summary: 'How intake works: counts, conversion, speed to lead, follow-up (staff)',
      description:
        'Over the leads received in [from, to) — spam left out, erased leads counted (they keep ' +
        'state, dates and assignee): counts by state and source, conversion (retained ÷ decided), ' +
        'median and p90 time to first contact overall and per assignee, leads overdue, ' +
        'reminders and escalations, and leads per week by source. Admins, attorneys and API ' +
        'keys with leads:read.',
    }),
    ApiOkResponse({ type: IntakeReportResponse }),
    ApiBadRequestResponse({
      type: ErrorResponse,
      description: 'A bad date, `from` after `to`, or a range over 366 days',
    }),
  );
