import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import { PAGE_HEADERS } from '../common/pagination/page-headers';
import { CreateLeadDto, MultipartLeadDto } from './dto/lead.dto';
import { LeadDetailResponse, LeadResponse, PublicLeadResponse } from './dto/lead-response.dto';

/** What every staff route of this controller documents. */
const ApiStaff = () =>
  applyDecorators(ApiOAuth2([]), ApiUnauthorizedResponse({ type: ErrorResponse }));
const MALFORMED_ID = { type: ErrorResponse, description: 'Malformed id' };
const NOT_FOUND = { type: ErrorResponse, description: 'Lead not found' };
const ERASED = { type: ErrorResponse, description: 'The lead was erased' };

export const ApiLeadCreate = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Submit a lead (public)',
      description:
        'JSON with a résumé URL, or multipart/form-data with a PDF/DOC/DOCX file part `resume`. ' +
        'Send an Idempotency-Key to make retries safe. Answers the public view of the lead.',
    }),
    ApiExtraModels(CreateLeadDto, MultipartLeadDto),
    ApiConsumes('application/json', 'multipart/form-data'),
    ApiBody({
      schema: {
        // anyOf: a JSON submit matches both schemas, which oneOf would refuse.
        anyOf: [{ $ref: getSchemaPath(CreateLeadDto) }, { $ref: getSchemaPath(MultipartLeadDto) }],
      },
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Any unique string (a UUID); a repeat within 24 h returns the first lead',
    }),
    ApiCreatedResponse({
      type: PublicLeadResponse,
      headers: {
        Location: { description: '/leads/{id}' },
        'Idempotent-Replayed': {
          description: '`true`: a replay of an earlier request with this Idempotency-Key',
          schema: { type: 'string', enum: ['true'] },
        },
      },
    }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields' }),
    ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'File over RESUME_MAX_BYTES' }),
    ApiUnsupportedMediaTypeResponse({
      type: ErrorResponse,
      description: 'Not a PDF/DOC/DOCX, or the declared type or extension does not match the bytes',
    }),
    ApiUnprocessableEntityResponse({
      type: ErrorResponse,
      description: 'Idempotency-Key reused with a different request',
    }),
    ApiTooManyRequestsResponse({
      type: ErrorResponse,
      description: 'Too many submits; see Retry-After',
    }),
  );

export const ApiLeadList = () =>
  applyDecorators(
    ApiStaff(),
    ApiOperation({
      summary: 'List leads, newest first',
      description:
        'Filters combine: `state`, `q` (words in names or email, case- and accent-insensitive), ' +
        'and the received range `from` (inclusive) to `to` (exclusive; a bare date includes that ' +
        'whole day, UTC). `sort=created_at` lists oldest first. `Link` repeats every filter.',
    }),
    ApiOkResponse({ type: [LeadResponse], headers: PAGE_HEADERS }),
    ApiBadRequestResponse({
      type: ErrorResponse,
      description:
        'Bad query values: a malformed or non-existent date, `to` before `from`, an unknown sort',
    }),
  );

export const ApiLeadGet = () =>
  applyDecorators(
    ApiStaff(),
    ApiOperation({ summary: 'One lead with its state history and notification delivery' }),
    ApiOkResponse({ type: LeadDetailResponse }),
    ApiBadRequestResponse(MALFORMED_ID),
    ApiNotFoundResponse(NOT_FOUND),
    ApiGoneResponse(ERASED),
  );

export const ApiLeadResume = () =>
  applyDecorators(
    ApiStaff(),
    ApiOperation({ summary: 'Download the uploaded CV' }),
    ApiProduces(
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ),
    ApiOkResponse({
      description: 'The file, as an attachment',
      schema: { type: 'string', format: 'binary' },
      headers: { 'Content-Disposition': { description: 'attachment; filename="…"' } },
    }),
    ApiBadRequestResponse(MALFORMED_ID),
    ApiNotFoundResponse({
      type: ErrorResponse,
      description: 'Unknown lead, or the lead has a URL',
    }),
    ApiGoneResponse(ERASED),
  );

export const ApiLeadStateChange = () =>
  applyDecorators(
    ApiStaff(),
    ApiOperation({
      summary: 'Change a lead’s state',
      description:
        'Forward only: PENDING → REACHED_OUT → RETAINED | DECLINED, and PENDING → DECLINED ' +
        '(optionally with a `reason`). Records who and when; the same state again changes nothing.',
    }),
    ApiOkResponse({ type: LeadResponse }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id or state' }),
    ApiNotFoundResponse(NOT_FOUND),
    ApiConflictResponse({
      type: ErrorResponse,
      description: 'Not a forward move (REACHED_OUT → PENDING, DECLINED → RETAINED, …)',
    }),
  );
