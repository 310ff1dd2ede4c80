import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import {
  IsNormalizedEmail,
  IsPersonName,
  NoUrlUserInfo,
  Required,
} from '../../common/decorators/validation.decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { CLEAN_TEXT, trimString } from '../../common/text';
import { LEAD_STATES, type LeadState } from '../lead-state';
import {
  IsOptionalMessage,
  IsOptionalPhone,
  MESSAGE_MAX_LENGTH,
} from './contact-fields.decorators';

const PHONE_DOC = {
  example: '+1 (202) 555-0123',
  description:
    'Optional; any format, with the country code unless it is a DEFAULT_PHONE_COUNTRY number. ' +
    'Stored as E.164 (+12025550123); blank means none.',
  maxLength: 40,
};
const MESSAGE_DOC = {
  example: 'I was dismissed last week and would like advice on my contract.',
  description: 'Optional: the matter in the prospect’s words; line breaks kept, blank means none.',
  maxLength: MESSAGE_MAX_LENGTH,
};

export class CreateLeadDto {
  @ApiProperty({ example: 'Ada', minLength: 1, maxLength: 100 })
  @Required()
  @IsPersonName()
  first_name: string;

  @ApiProperty({ example: 'Lovelace', minLength: 1, maxLength: 100 })
  @Required()
  @IsPersonName()
  last_name: string;

  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @Required()
  @IsNormalizedEmail()
  email: string;

  @ApiProperty({
    example: 'https://files.example.com/cv/ada-lovelace.pdf',
    description: 'http(s) URL of the CV',
    maxLength: 2048,
  })
  // Optional here because a multipart submit carries the CV as a file part instead; the
  // controller insists on exactly one of the two.
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(2048)
  @Matches(CLEAN_TEXT, { message: 'resume must not contain control or invisible characters' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'resume must be an http(s) URL' },
  )
  // Listed last so it is checked first: its message says more than "must be a URL".
  @NoUrlUserInfo()
  resume?: string;

  @ApiPropertyOptional({ ...PHONE_DOC, type: String, nullable: true })
  @IsOptionalPhone()
  phone?: string | null;

  @ApiPropertyOptional({ ...MESSAGE_DOC, type: String, nullable: true })
  @IsOptionalMessage()
  message?: string | null;
}

/** Documents the multipart form of POST /leads; the fields are validated as CreateLeadDto. */
export class MultipartLeadDto {
  @ApiProperty({ example: 'Ada' })
  first_name: string;

  @ApiProperty({ example: 'Lovelace' })
  last_name: string;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

  @ApiPropertyOptional(PHONE_DOC)
  phone?: string;

  @ApiPropertyOptional(MESSAGE_DOC)
  message?: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'PDF, DOC or DOCX; at most RESUME_MAX_BYTES',
  })
  resume: unknown;
}

export class UpdateLeadStateDto {
  @ApiProperty({ enum: LEAD_STATES, example: 'REACHED_OUT' })
  @IsIn(LEAD_STATES)
  state: LeadState;
}

export class ListLeadsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: LEAD_STATES })
  @IsOptional()
  @IsIn(LEAD_STATES)
  state?: LeadState;

  @ApiPropertyOptional({
    description: 'Matches first name, last name or email, or the reference (L-7K3M9Q)',
    example: 'ada',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  @Matches(CLEAN_TEXT, { message: 'q must not contain control or invisible characters' })
  q?: string;
}
