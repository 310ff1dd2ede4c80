import { ApiProperty } from '@nestjs/swagger';

/** Documents the form fields of POST /auth/token; the controller parses them by RFC 6749 rules. */
export class TokenRequestDto {
  @ApiProperty({ enum: ['password', 'refresh_token'], example: 'password' })
  grant_type: string;

  @ApiProperty({
    required: false,
    example: 'admin@example.com',
    description: 'The user’s email (password grant)',
  })
  username?: string;

  @ApiProperty({
    required: false,
    example: 'correct horse battery staple',
    format: 'password',
    description: 'Password grant',
  })
  password?: string;

  @ApiProperty({
    required: false,
    description:
      'Refresh grant; the staff page sends none and the HttpOnly refresh cookie is used instead',
  })
  refresh_token?: string;
}

export class RevokeRequestDto {
  @ApiProperty({ description: 'The access token to revoke' })
  token: string;

  @ApiProperty({ enum: ['access_token'], required: false })
  token_type_hint?: string;
}

export class TokenResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' })
  access_token: string;

  @ApiProperty({ enum: ['bearer'], example: 'bearer' })
  token_type: 'bearer';

  @ApiProperty({ example: 900, description: 'Lifetime in seconds' })
  expires_in: number;

  @ApiProperty({
    example: '01a22b28-b57e-7271-94aa-e7d4d0ebe3be.Yp2…',
    description:
      'RFC 6749 §6 refresh token: single use (each refresh returns the next one), ends with the ' +
      'session (SESSION_IDLE_TIMEOUT after last use, SESSION_MAX_AGE at most, or sign-out)',
  })
  refresh_token: string;
}

export class OAuthErrorResponse {
  @ApiProperty({
    enum: ['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'slow_down'],
  })
  error: string;

  @ApiProperty({ example: 'Invalid username or password' })
  error_description: string;
}
