import { HttpException, HttpStatus } from '@nestjs/common';

export type OAuthErrorCode =
  'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'unsupported_token_type';

/** RFC 6749 §5.2 error; the only error body that does not use the `{ statusCode, error, message }` shape. */
export class OAuthException extends HttpException {
  constructor(
    readonly oauthError: OAuthErrorCode,
    description: string,
  ) {
    super({ error: oauthError, error_description: description }, HttpStatus.BAD_REQUEST);
  }
}
