import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error answer except the token endpoint's. */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['email must be a valid email address'],
  })
  message: string | string[];

  @ApiPropertyOptional({ description: 'Present on 500 answers, to quote to support' })
  request_id?: string;
}
