import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { AuthService } from './auth.service';
import { DEVICE_COOKIE, DeviceCookieService } from './device-cookie.service';
import { TokenResponse } from './dto/token.dto';
import { assertForm, formField } from './oauth-form';
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
    private readonly devices: DeviceCookieService,
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
    if (formField(body, 'grant_type') !== 'password') {
      throw new OAuthException('unsupported_grant_type', 'Only grant_type=password is supported');
    }
    const { token, deviceCookie } = await this.auth.passwordGrant({
      username: formField(body, 'username'),
      password: formField(body, 'password'),
      ip: req.ip ?? 'unknown',
      deviceCookie: (req.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE],
    });
    res.cookie(DEVICE_COOKIE, deviceCookie, this.devices.cookieOptions());
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
    return {};
  }
}
