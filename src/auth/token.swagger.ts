import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  OAuthErrorResponse,
  RevokeRequestDto,
  TokenRequestDto,
  TokenResponse,
} from './dto/token.dto';
import { FORM } from './oauth-form';

const NO_STORE = { 'Cache-Control': { description: 'no-store', schema: { type: 'string' } } };

export const ApiTokenGrant = () =>
  applyDecorators(
    ApiOperation({
      summary: 'OAuth2 password grant (RFC 6749 §4.3) and refresh grant (§6)',
      description:
        'Exchanges a staff email and password for a short-lived bearer token and a single-use ' +
        'refresh token; `grant_type=refresh_token` exchanges that for the next pair. Sets ' +
        'HttpOnly cookies for /auth: a device cookie (clients that keep it keep their own ' +
        'sign-in allowance while the account is under attack) and the refresh token (the staff ' +
        'page refreshes with it and never holds a long-lived credential itself).',
    }),
    ApiConsumes(FORM),
    ApiBody({ type: TokenRequestDto }),
    ApiOkResponse({ type: TokenResponse, headers: NO_STORE }),
    ApiBadRequestResponse({ type: OAuthErrorResponse, description: 'RFC 6749 §5.2 error' }),
    ApiTooManyRequestsResponse({
      type: OAuthErrorResponse,
      description: 'Too many failed attempts for this address, username or device; see Retry-After',
    }),
  );

export const ApiRevoke = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Revoke a token (RFC 7009)',
      description:
        'Ends the session the access token belongs to, on every instance. Unknown or invalid ' +
        'tokens are answered 200 as well (RFC 7009 §2.2).',
    }),
    ApiConsumes(FORM),
    ApiBody({ type: RevokeRequestDto }),
    ApiOkResponse({
      description: 'Revoked (or nothing to revoke)',
      headers: NO_STORE,
      schema: { type: 'object', maxProperties: 0, example: {} },
    }),
    ApiBadRequestResponse({ type: OAuthErrorResponse, description: 'RFC 6749 §5.2 error' }),
  );
