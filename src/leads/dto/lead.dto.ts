import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  IsIsoDateOrDateTime,
  IsNormalizedEmail,
  IsPersonName,
  NoUrlUserInfo,
  NotBefore,
  Required,
} from '../../common/decorators/validation.decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { FollowUpFiltersDto } from '../assignment/follow-up-filters';
import { CLEAN_TEXT, trimString } from '../../common/text';
import { LEAD_STATES, type LeadState } from '../lead-state';
import { IsDeclineReason } from './decline-reason.validator';
import { LeadSourceDto, REFERRER_MAX, SOURCE_TAG_MAX } from '../source/lead-source.dto';
import { LEAD_SORTS, type LeadSort } from '../lead-sort';
import { queryBoolean } from '../triage/triage.dto';
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

  @ApiPropertyOptional({ example: 'Globex Corporation', description: 'Other party in the matter' })
  @IsOptional()
  @IsPersonName()
  opposing_party?: string;

  @ApiPropertyOptional({ description: 'Web form honeypot: a person leaves it empty' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  website?: string;

  @ApiPropertyOptional({ description: 'From GET /leads/form-token when the form was loaded' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  form_token?: string;
  @ApiPropertyOptional({ ...PHONE_DOC, type: String, nullable: true })
  @IsOptionalPhone()
  phone?: string | null;

  @ApiPropertyOptional({ ...MESSAGE_DOC, type: String, nullable: true })
  @IsOptionalMessage()
  message?: string | null;

  @ApiPropertyOptional({
    type: LeadSourceDto,
    nullable: true,
    description:
      'How the prospect found the form: its campaign tags and the page before it (staff see it; ' +
      'GET /reports/intake counts by it). Unknown keys are refused',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadSourceDto)
  // Listed last so it is checked first: a string or array is not a source.
  @IsObject({
    message: 'source must be an object: { utm_source, utm_medium, utm_campaign, referrer }',
  })
  source?: LeadSourceDto | null;
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

  @ApiPropertyOptional({ example: 'Globex Corporation' })
  opposing_party?: string;

  @ApiPropertyOptional()
  website?: string;

  @ApiPropertyOptional()
  form_token?: string;

  @ApiPropertyOptional({
    example: 'google',
    maxLength: SOURCE_TAG_MAX,
    description: 'source.utm_source',
  })
  utm_source?: string;

  @ApiPropertyOptional({
    example: 'cpc',
    maxLength: SOURCE_TAG_MAX,
    description: 'source.utm_medium',
  })
  utm_medium?: string;

  @ApiPropertyOptional({
    example: 'employment-law-2026',
    maxLength: SOURCE_TAG_MAX,
    description: 'source.utm_campaign',
  })
  utm_campaign?: string;

  @ApiPropertyOptional({
    example: 'https://www.google.com/',
    maxLength: REFERRER_MAX,
    description: 'source.referrer: an http(s) URL',
  })
  referrer?: string;
}

export class UpdateLeadStateDto {
  @ApiProperty({ enum: LEAD_STATES, example: 'REACHED_OUT' })
  @IsIn(LEAD_STATES)
  state: LeadState;

  @ApiPropertyOptional({
    description: 'Why the lead was declined (only with DECLINED); kept in its history',
    example: 'Outside our practice areas',
    maxLength: 500,
  })
  @Transform(trimString)
  @IsDeclineReason()
  reason?: string;
}

export class ListLeadsQueryDto extends IntersectionType(PaginationQueryDto, FollowUpFiltersDto) {
  @ApiPropertyOptional({ enum: LEAD_STATES })
  @IsOptional()
  @IsIn(LEAD_STATES)
  state?: LeadState;

  @ApiPropertyOptional({
    description:
      'Words that must each appear in the first name, last name or email (any order), ignoring ' +
      'case and accents: "maria garcia" and "garcia maria" find María García, "lopez" finds ' +
      'García López, "maria@exam" finds maria@example.com; a reference (L-7K3M9Q, any case) finds that lead',
    example: 'maria garcia',
    maxLength: 100,
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  @Matches(CLEAN_TEXT, { message: 'q must not contain control or invisible characters' })
  q?: string;

  @ApiPropertyOptional({
    description:
      'Received at or after this (inclusive). An ISO-8601 date (`2026-01-31`: from midnight UTC) ' +
      'or date-time (`2026-01-31T09:30:00Z`, `…+01:00`; UTC when no offset is given)',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description:
      'Received before this (exclusive). A bare date includes that whole day (up to the next ' +
      'midnight UTC); a date-time is the exclusive end itself. Must not be before `from`',
    example: '2026-01-31',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({
    enum: LEAD_SORTS,
    default: '-created_at',
    description: 'By when the lead was received: `-created_at` newest first, `created_at` oldest',
  })
  @IsOptional()
  @IsIn(LEAD_SORTS)
  sort?: LeadSort;
  @ApiPropertyOptional({ type: Boolean, description: 'true: only spam (default false: no spam)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'spam must be true or false' })
  spam?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Returning prospects only, or none' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'duplicate must be true or false' })
  duplicate?: boolean;

  @ApiPropertyOptional({ enum: ['clear', 'possible'] })
  @IsOptional()
  @IsIn(['clear', 'possible'])
  conflict?: 'clear' | 'possible';
}
