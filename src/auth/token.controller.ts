import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/filters/error-response.dto';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { OAuthException } from '../common/filters/all-exceptions.filter';
import { CLEAN_TEXT } from '../common/text';
import { AuthService } from './auth.service';
import { LoginThrottle, TooManyLoginsException } from './login-throttle.service';
import { OAuthErrorResponse, TokenRequestDto, TokenResponse } from './dto/token.dto';

const FORM = 'application/x-www-form-urlencoded';
const MAX_FIELD_LENGTH = 1024;

@ApiTags('auth')
@Controller('auth')
export class TokenController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

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
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'Too many failed attempts for this address or username; see Retry-After',
  })
  async token(
    // The body is read raw (typed as a plain record) so the RFC's rules and error format apply,
    // not the global validation pipe's.
    @Body() body: Record<string, unknown>,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: Request,
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
    const username = field(body, 'username');
    const password = field(body, 'password');
    const ip = req.ip ?? 'unknown';
    try {
      this.throttle.assertAllowed(ip, username);
      const token = await this.auth.passwordGrant(username, password);
      this.throttle.recordSuccess(username);
      return token;
    } catch (error) {
      if (error instanceof OAuthException && error.oauthError === 'invalid_grant') {
        this.throttle.recordFailure(ip, username);
      }
      if (error instanceof TooManyLoginsException) {
        res.setHeader('Retry-After', String(error.retryAfter));
      }
      throw error;
    }
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
  // Usernames are emails: control characters are never part of one (and PostgreSQL refuses NUL).
  if (name === 'username' && !CLEAN_TEXT.test(value)) {
    throw new OAuthException('invalid_request', `Parameter ${name} contains control characters`);
  }
  return value;
}
