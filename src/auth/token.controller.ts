import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { OAuthException } from '../common/filters/all-exceptions.filter';
import { AuthService } from './auth.service';
import { OAuthErrorResponse, TokenRequestDto, TokenResponse } from './dto/token.dto';

const FORM = 'application/x-www-form-urlencoded';
const MAX_FIELD_LENGTH = 1024;

@ApiTags('auth')
@Controller('auth')
export class TokenController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'OAuth2 password grant (RFC 6749 §4.3)',
    description: 'Exchanges a staff email and password for a short-lived bearer token.',
  })
  @ApiConsumes(FORM)
  @ApiBody({ type: TokenRequestDto })
  @ApiOkResponse({ type: TokenResponse, headers: { 'Cache-Control': { description: 'no-store' } } })
  @ApiBadRequestResponse({ type: OAuthErrorResponse, description: 'RFC 6749 §5.2 error' })
  async token(
    // The body is read raw (typed as a plain record) so the RFC's rules and error format apply,
    // not the global validation pipe's.
    @Body() body: Record<string, unknown>,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    if (!contentType?.toLowerCase().startsWith(FORM)) {
      throw new OAuthException('invalid_request', `Content-Type must be ${FORM}`);
    }
    const grantType = field(body, 'grant_type');
    if (grantType !== 'password') {
      throw new OAuthException('unsupported_grant_type', 'Only grant_type=password is supported');
    }
    return this.auth.passwordGrant(field(body, 'username'), field(body, 'password'));
  }
}

/** A required, single-valued form parameter (RFC 6749 §3.2: never repeated). */
function field(body: Record<string, unknown> | undefined, name: string): string {
  const value = body?.[name];
  if (value === undefined || value === '') {
    throw new OAuthException('invalid_request', `Missing parameter: ${name}`);
  }
  if (typeof value !== 'string') {
    throw new OAuthException('invalid_request', `Parameter ${name} must be given exactly once`);
  }
  if (value.length > MAX_FIELD_LENGTH) {
    throw new OAuthException('invalid_request', `Parameter ${name} is too long`);
  }
  return value;
}
