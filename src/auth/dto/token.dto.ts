import { ApiProperty } from '@nestjs/swagger';

/** Documents the form fields of POST /auth/token; the controller parses them by RFC 6749 rules. */
export class TokenRequestDto {
  @ApiProperty({ enum: ['password'], example: 'password' })
  grant_type: string;

  @ApiProperty({ example: 'admin@example.com', description: 'The user’s email' })
  username: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  password: string;
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
}

export class OAuthErrorResponse {
  @ApiProperty({
    enum: ['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'slow_down'],
  })
  error: string;

  @ApiProperty({ example: 'Invalid username or password' })
  error_description: string;
}
