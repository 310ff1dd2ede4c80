import { ApiProperty } from '@nestjs/swagger';
import { MATCH_RULES, type MatchRule } from '../../conflicts/name-keys';
import type { NameSide } from '../../conflicts/lead-name-key.entity';
import type { ConflictStatus } from '../../conflicts/conflict-hit';
import type { Lead } from '../lead.entity';

export class ConflictHitResponse {
  @ApiProperty({ format: 'uuid', description: 'The register entry, or the earlier lead' })
  party_id: string;
  @ApiProperty({ example: 'Globex Corporation' })
  party_name: string;
  @ApiProperty({ enum: ['register', 'lead'], description: 'Where the party was found' })
  source: 'register' | 'lead';
  @ApiProperty({ enum: ['prospect', 'opposing_party'] })
  matched_on: NameSide;
  @ApiProperty({ enum: MATCH_RULES })
  rule: MatchRule;
}

/** The staff-only triage fields of a lead (never in the public view). */
export interface TriageFields {
  opposing_party: string | null;
  spam: boolean;
  spam_reasons: string[];
  duplicate_of: string | null;
  conflict: ConflictStatus;
  conflict_hits: ConflictHitResponse[];
}

export function toTriageFields(lead: Lead): TriageFields {
  return {
    opposing_party: lead.opposingParty ?? null,
    spam: lead.spam ?? false,
    spam_reasons: lead.spamReasons ?? [],
    duplicate_of: lead.duplicateOf ?? null,
    conflict: lead.conflict ?? 'clear',
    conflict_hits: (lead.conflictHits ?? []).map((hit) => ({
      party_id: hit.partyId,
      party_name: hit.partyName,
      source: hit.source,
      matched_on: hit.matchedOn,
      rule: hit.rule,
    })),
  };
}
