import type { NameSide } from './lead-name-key.entity';
import type { MatchRule } from './name-keys';

export type ConflictStatus = 'clear' | 'possible';

/** One possible conflict: whose name matched which register entry or earlier lead, and how. */
export interface ConflictHit {
  /** The register entry's id, or the earlier lead's id when `source` is `lead`. */
  partyId: string;
  partyName: string;
  source: 'register' | 'lead';
  /** Which of the new lead's names matched. */
  matchedOn: NameSide;
  rule: MatchRule;
}
