import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../../common/filters/error-response.dto';
import { LeadResponse } from '../dto/lead-response.dto';
import { FormTokenResponse } from './triage.dto';

const ApiStaff = () =>
  applyDecorators(ApiOAuth2([]), ApiUnauthorizedResponse({ type: ErrorResponse }));
const MALFORMED_ID = { type: ErrorResponse, description: 'Malformed id' };
const NOT_FOUND = { type: ErrorResponse, description: 'Lead not found' };

export const ApiFormToken = () =>
  applyDecorators(
    ApiOperation({
      summary: 'A token for the web form (public)',
      description:
        'The intake page asks for one when it loads and sends it back as `form_token`. A form ' +
        'sent within 3 s of it, after 24 h, or with a forged token is stored as spam.',
    }),
    ApiOkResponse({
      type: FormTokenResponse,
      headers: { 'Cache-Control': { description: 'no-store' } },
    }),
  );

export const ApiSetSpam = () =>
  applyDecorators(
    ApiStaff(),
    ApiOperation({
      summary: 'Release a lead from spam, or mark it spam (admin)',
      description: 'A released lead is mailed then, like a new one.',
    }),
    ApiOkResponse({ type: LeadResponse }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id or body' }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' }),
    ApiNotFoundResponse(NOT_FOUND),
  );

export const ApiConflictCheck = () =>
  applyDecorators(
    ApiStaff(),
    ApiOperation({
      summary: 'Run the conflict pre-check again',
      description: 'Against today’s register and leads; answers the lead with its new hits.',
    }),
    ApiOkResponse({ type: LeadResponse }),
    ApiBadRequestResponse(MALFORMED_ID),
    ApiNotFoundResponse(NOT_FOUND),
  );
