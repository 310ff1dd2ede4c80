import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import {
  IsNormalizedEmail,
  IsPersonName,
  NoUrlUserInfo,
  Required,
} from '../../common/decorators/validation.decorators';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { FollowUpFiltersDto } from '../assignment/follow-up-filters';
import { CLEAN_TEXT, trimString } from '../../common/text';
import { LEAD_STATES, type LeadState } from '../lead-state';
import { IsDeclineReason } from './decline-reason.validator';

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
}

/** Documents the multipart form of POST /leads; the fields are validated as CreateLeadDto. */
export class MultipartLeadDto {
  @ApiProperty({ example: 'Ada' })
  first_name: string;

  @ApiProperty({ example: 'Lovelace' })
  last_name: string;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

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

  @ApiPropertyOptional({ description: 'Matches first name, last name or email', example: 'ada' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  @Matches(CLEAN_TEXT, { message: 'q must not contain control or invisible characters' })
  q?: string;
}
