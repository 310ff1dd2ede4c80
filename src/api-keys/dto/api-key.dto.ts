import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { Required } from '../../common/decorators/validation.decorators';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../common/decorators/scopes.decorator';
import { CLEAN_TEXT, trimString } from '../../common/text';
import type { ApiKey } from '../api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CRM sync', minLength: 1, maxLength: 100 })
  @Required()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  @Matches(CLEAN_TEXT, { message: 'name must not contain control or invisible characters' })
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['leads:read'] })
  @Required()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes: ApiKeyScope[];
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CRM sync' })
  name: string;

  @ApiProperty({
    description: 'The key’s first characters, to tell keys apart',
    example: 'lik_3fK9a0Qz',
  })
  prefix: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true })
  scopes: ApiKeyScope[];

  @ApiProperty({ format: 'uuid', description: 'The admin who created it (the key acts for them)' })
  created_by: string;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  last_used_at: string | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    description: 'The key itself, shown only in this answer: store it now',
    example: 'lik_3fK9a0QzR2…',
  })
  key: string;
}

export function toApiKeyResponse(row: ApiKey): ApiKeyResponse {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.split(' ') as ApiKeyScope[],
    created_by: row.createdById,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}
