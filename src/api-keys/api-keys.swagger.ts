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
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.dto';

const ApiAdmin = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'Not an admin (or an API key)' }),
  );

export const ApiKeyList = () =>
  applyDecorators(
    ApiAdmin(),
    ApiOperation({ summary: 'List API keys (admin); the keys themselves are never shown again' }),
    ApiOkResponse({ type: [ApiKeyResponse] }),
  );

export const ApiKeyCreate = () =>
  applyDecorators(
    ApiAdmin(),
    ApiOperation({
      summary: 'Create an API key (admin)',
      description:
        'The answer carries the key once. Clients send it as `Authorization: Bearer <key>`.',
    }),
    ApiCreatedResponse({ type: CreatedApiKeyResponse }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Invalid fields' }),
  );

export const ApiKeyRevoke = () =>
  applyDecorators(
    ApiAdmin(),
    ApiOperation({ summary: 'Delete (revoke) an API key at once (admin)' }),
    ApiNoContentResponse({ description: 'Revoked' }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed id' }),
    ApiNotFoundResponse({ type: ErrorResponse, description: 'API key not found' }),
  );
