import type { StaffRef } from './user.js';

/** A lead, as GET /leads (without history and notifications) and GET /leads/{id} return it. */
export interface Lead {
  id: string;
  reference: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  message: string | null;
  resume:
    | { url: string }
    | { filename: string; content_type: string; size: number; download_url: string }
    | null;
  state: 'PENDING' | 'REACHED_OUT' | 'RETAINED' | 'DECLINED';
  created_at: string;
  reached_out_at: string | null;
  reached_out_by: StaffRef | null;
  // Triage (issue 14).
  opposing_party?: string | null;
  spam?: boolean;
  spam_reasons?: string[];
  duplicate_of?: string | null;
  conflict?: 'clear' | 'possible';
  conflict_hits?: {
    party_id: string;
    party_name: string;
    source: 'register' | 'lead';
    matched_on: 'prospect' | 'opposing_party';
    rule: string;
  }[];
  history?: { from: string; to: string; by: StaffRef | null; at: string; reason?: string }[];
  notifications?: {
    kind: string;
    recipient: string;
    status: string;
    attempts: number;
    last_error: string | null;
  }[];
}

export const STATE_LABELS = {
  PENDING: 'Pending',
  REACHED_OUT: 'Reached out',
  RETAINED: 'Retained',
  DECLINED: 'Declined',
};
