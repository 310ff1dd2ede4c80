import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { NoUrlUserInfo } from '../../common/decorators/validation.decorators';
import { CLEAN_TEXT, trimString } from '../../common/text';
import { leadSourceOrNull, type LeadSource } from './lead-source';

export const SOURCE_TAG_MAX = 200;
export const REFERRER_MAX = 2000;

/** The flat multipart / form fields that make up `source`. */
export const SOURCE_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign', 'referrer'] as const;

const tag = (name: string, example: string) =>
  applyDecorators(
    ApiPropertyOptional({
      example,
      maxLength: SOURCE_TAG_MAX,
      type: String,
      nullable: true,
      description: `The \`${name}\` parameter of the form's address`,
    }),
    IsOptional(),
    Transform(trimString),
    IsString(),
    MaxLength(SOURCE_TAG_MAX),
    Matches(CLEAN_TEXT, { message: `${name} must not contain control or invisible characters` }),
  );

/** `source` of POST /leads: how the prospect found the form (all optional). */
export class LeadSourceDto {
  @tag('utm_source', 'google')
  utm_source?: string | null;

  @tag('utm_medium', 'cpc')
  utm_medium?: string | null;

  @tag('utm_campaign', 'employment-law-2026')
  utm_campaign?: string | null;

  @ApiPropertyOptional({
    example: 'https://www.google.com/',
    maxLength: REFERRER_MAX,
    type: String,
    nullable: true,
    description: 'The page the prospect came from (http or https)',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(REFERRER_MAX)
  @Matches(CLEAN_TEXT, { message: 'referrer must not contain control or invisible characters' })
  @IsUrl(
    // Host names as browsers send them: `my_blog.example.com`, and `example.com.` fully qualified.
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: false,
      allow_underscores: true,
      allow_trailing_dot: true,
    },
    { message: 'referrer must be an http(s) URL' },
  )
  @NoUrlUserInfo()
  referrer?: string | null;
}

/** `source` in the staff view of a lead. */
export class LeadSourceResponse {
  @ApiProperty({ type: String, nullable: true, example: 'google' })
  utm_source: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'cpc' })
  utm_medium: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'employment-law-2026' })
  utm_campaign: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'https://www.google.com/' })
  referrer: string | null;
}

export function toLeadSourceResponse(source: LeadSource | null): LeadSourceResponse | null {
  return source
    ? {
        utm_source: source.utmSource,
        utm_medium: source.utmMedium,
        utm_campaign: source.utmCampaign,
        referrer: source.referrer,
      }
    : null;
}

/** Request → service input: an empty object (or only blanks) is no source. */
export function toLeadSource(dto: LeadSourceDto | null | undefined): LeadSource | null {
  return leadSourceOrNull(
    dto && {
      utmSource: dto.utm_source,
      utmMedium: dto.utm_medium,
      utmCampaign: dto.utm_campaign,
      referrer: dto.referrer,
    },
  );
}
