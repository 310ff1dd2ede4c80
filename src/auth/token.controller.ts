import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { AuthCookies } from './auth-cookies';
import { AuthService } from './auth.service';
import { TokenResponse } from './dto/token.dto';
import { assertForm, formField, optionalFormField } from './oauth-form';
import { OAuthException } from './oauth.exception';
import { ApiRevoke, ApiTokenGrant } from './token.swagger';

/**
 * The OAuth2 endpoints. Bodies are read raw (a plain record) so the RFCs' rules and error format
 * apply, not the global validation pipe's.
 */
@ApiTags('auth')
@Public()
@Controller('auth')
export class TokenController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: AuthCookies,
  ) {}

  @Post('token')
  @HttpCode(200)
  @ApiTokenGrant()
  async token(
    @Body() body: Record<string, unknown>,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenResponse> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    assertForm(contentType);
    const grant = formField(body, 'grant_type');
    if (grant === 'refresh_token') return this.refresh(body, req, res);
    if (grant !== 'password') {
      throw new OAuthException(
        'unsupported_grant_type',
        'grant_type must be password or refresh_token',
      );
    }
    const { token, deviceCookie } = await this.auth.passwordGrant({
      username: formField(body, 'username'),
      password: formField(body, 'password'),
      ip: req.ip ?? 'unknown',
      deviceCookie: this.cookies.device(req),
    });
    this.cookies.setDevice(res, deviceCookie);
    this.cookies.setRefresh(res, token.refresh_token);
    return token;
  }

  @Post('revoke')
  @HttpCode(200)
  @ApiRevoke()
  async revoke(
    @Body() body: Record<string, unknown>,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, never>> {
    res.setHeader('Cache-Control', 'no-store');
    assertForm(contentType);
    await this.auth.revoke(formField(body, 'token'));
    this.cookies.clearRefresh(res);
    return {};
  }

  /** The staff page sends no refresh_token: its refresh cookie stands in for it. */
  private async refresh(
    body: Record<string, unknown>,
    req: Request,
    res: Response,
  ): Promise<TokenResponse> {
    const given = optionalFormField(body, 'refresh_token') ?? this.cookies.refresh(req);
    if (!given) throw new OAuthException('invalid_request', 'Missing parameter: refresh_token');
    try {
      const token = await this.auth.refreshGrant(given);
      this.cookies.setRefresh(res, token.refresh_token);
      return token;
    } catch (error) {
      this.cookies.clearRefresh(res);
      throw error;
    }
  }
}
