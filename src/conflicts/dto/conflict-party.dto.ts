import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsPersonName, Required } from '../../common/decorators/validation.decorators';
import { CLEAN_TEXT, trimString } from '../../common/text';
import { PARTY_KINDS, type ConflictParty, type PartyKind } from '../conflict-party.entity';

export class CreateConflictPartyDto {
  @ApiProperty({ example: 'Globex Corporation', minLength: 1, maxLength: 100 })
  @Required()
  @IsPersonName()
  name: string;

  @ApiProperty({ enum: PARTY_KINDS, example: 'adverse' })
  @Required()
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @ApiPropertyOptional({ example: 'Defendant in Smith v. Globex (2025)', maxLength: 1000 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(1000)
  @Matches(CLEAN_TEXT, { message: 'note must not contain control or invisible characters' })
  note?: string;
}

export class ConflictPartyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Globex Corporation' })
  name: string;
  @ApiProperty({ enum: PARTY_KINDS, example: 'adverse' })
  kind: PartyKind;
  @ApiProperty({ type: String, nullable: true, example: 'Defendant in Smith v. Globex (2025)' })
  note: string | null;
  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export function toConflictPartyResponse(party: ConflictParty): ConflictPartyResponse {
  return {
    id: party.id,
    name: party.name,
    kind: party.kind,
    note: party.note,
    created_at: party.createdAt.toISOString(),
  };
}
