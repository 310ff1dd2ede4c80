import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Required } from '../../common/decorators/validation.decorators';

export class SetSpamDto {
  @ApiProperty({
    example: false,
    description: '`false` releases the lead: its e-mails go out then',
  })
  @Required()
  @IsBoolean()
  spam: boolean;
}

export class FormTokenResponse {
  @ApiProperty({
    description: 'Send back as `form_token` with the form',
    example: 'm3x1k2.Zm9v.c2ln',
  })
  form_token: string;
}

/** `?flag=true|false` → a boolean; anything else stays as sent and fails validation (400). */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
