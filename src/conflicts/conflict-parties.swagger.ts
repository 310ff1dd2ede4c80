import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { PAGE_HEADERS } from '../common/pagination/page-headers';
import { ConflictPartyResponse } from './dto/conflict-party.dto';

const ApiAdmin = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({
      type: ErrorResponse,
      description: 'Missing or invalid bearer token',
    }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin' }),
  );

export const ApiConflictPartyList = () =>
  applyDecorators(
    ApiAdmin(),
    ApiOperation({ summary: 'The conflict register, newest first (admin)' }),
    ApiOkResponse({ type: [ConflictPartyResponse], headers: PAGE_HEADERS }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Bad query values' }),
  );

export const ApiConflictPartyCreate = () =>
  applyDecorators(
    ApiAdmin(),
    ApiOperation({
      summary: 'Add a party to the conflict register (admin)',
      description:
        'New leads are checked against it; `POST /leads/{id}/conflict-check` re-checks an earlier one.',
    }),
    ApiCreatedResponse({ type: ConflictPartyResponse }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields' }),
  );

export const ApiConflictPartyDelete = () =>
  applyDecorators(
    ApiAdmin(),
    ApiOperation({ summary: 'Remove a party from the conflict register (admin)' }),
    ApiNoContentResponse({ description: 'Removed' }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' }),
    ApiNotFoundResponse({ type: ErrorResponse, description: 'Conflict party not found' }),
  );
