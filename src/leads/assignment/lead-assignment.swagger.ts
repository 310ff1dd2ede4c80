import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../../common/filters/error-response.dto';
import { LeadResponse } from '../dto/lead-response.dto';

export const ApiLeadAssign = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiOperation({
      summary: 'Reassign a lead (admin)',
      description:
        'Gives the lead to another active user and records who did it; the new assignee is ' +
        'told by e-mail. The same assignee again changes nothing.',
    }),
    ApiOkResponse({ type: LeadResponse }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id or unknown user' }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' }),
    ApiNotFoundResponse({ type: ErrorResponse, description: 'Lead not found' }),
    ApiConflictResponse({ type: ErrorResponse, description: 'The user is deactivated' }),
  );
