import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { ConflictHit, ConflictStatus } from '../conflicts/conflict-hit';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';
import type { LeadState } from './lead-state';
import type { FollowUpStage } from './follow-up/follow-up-stage';
import { LeadResume } from './resume/lead-resume.entity';

@Entity({ name: 'leads' })
@Index('idx_leads_created', ['createdAt', 'id'])
@Index('idx_leads_state_created', ['state', 'createdAt', 'id'])
@Index('idx_leads_email', ['email'])
// PostgreSQL only (a trigram GIN index, made by migration 1732350000008): declared so schema sync
// leaves it alone, never created from here.
@Index('pg_trgm_leads_search_text', { synchronize: false })
@Index('idx_leads_reference', ['reference'], { unique: true })
@Index('idx_leads_spam_created', ['spam', 'createdAt', 'id'])
@Index('idx_leads_assignee', ['assignedToId', 'state'])
@Index('idx_leads_follow_up', ['state', 'followUpDueAt'])
@Index('idx_leads_follow_up_next', ['followUpNextAt'])
// GET /reports/intake: its range scans read every column they need from the index alone.
@Index('idx_leads_report', [
  'spam',
  'createdAt',
  'state',
  'sourceKey',
  'assignedToId',
  'reachedOutAt',
  'followUpDueAt',
])
export class Lead {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /**
   * Short and human (`L-7K3M9Q`): shown to the prospect and in every e-mail, searchable. Set at
   * creation (and by migration 1732350000007 for older leads); nullable in the schema only
   * because SQLite cannot add a NOT NULL column without a default.
   */
  @Column({ type: 'varchar', length: 8, nullable: true })
  reference: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /**
   * Names and e-mail folded for search (lower-case, no accents; see common/search-text.ts), set by
   * the service whenever they are written. Indexed per dialect (FTS5 trigram / pg_trgm).
   */
  @Column({ name: 'search_text', type: 'text', default: '', select: false })
  searchText: string;
  /** E.164 (`+15551234567`), or null when the prospect gave none. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  /** The matter in the prospect's words (≤ 2 000 characters), or null. */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'resume_url', type: 'varchar', length: 2048, nullable: true })
  resumeUrl: string | null;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  state: LeadState;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @Column({ name: 'reached_out_at', type: TIMESTAMP, nullable: true })
  reachedOutAt: Date | null;

  @Column({ name: 'reached_out_by_id', type: 'varchar', length: 36, nullable: true })
  reachedOutById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reached_out_by_id' })
  reachedOutBy?: User | null;

  // Triage (issue 14; see leads/triage/).
  @Column({ name: 'opposing_party', type: 'varchar', length: 100, nullable: true })
  opposingParty: string | null;

  @Column({ type: 'boolean', default: false })
  spam: boolean;

  @Column({ name: 'spam_reasons', type: 'simple-json', nullable: true })
  spamReasons: string[] | null;

  /** The same person's first (non-spam) lead, when this one is a return. */
  @Column({ name: 'duplicate_of', type: 'varchar', length: 36, nullable: true })
  duplicateOf: string | null;

  @Column({ type: 'varchar', length: 16, default: 'clear' })
  conflict: ConflictStatus;

  @Column({ name: 'conflict_hits', type: 'simple-json', nullable: true })
  conflictHits: ConflictHit[] | null;
  /** Set when the lead's personal data was erased (see erasure/erased-columns.ts). */
  @Column({ name: 'erased_at', type: TIMESTAMP, nullable: true })
  erasedAt: Date | null;
  @Column({ name: 'assigned_to_id', type: 'varchar', length: 36, nullable: true })
  assignedToId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_to_id' })
  assignedTo?: User | null;

  /** When somebody should have contacted the prospect (FOLLOW_UP_SLA in business hours). */
  @Column({ name: 'follow_up_due_at', type: TIMESTAMP, nullable: true })
  followUpDueAt: Date | null;

  /** The next follow-up step still to come (null: none), and when it falls due. */
  @Column({ name: 'follow_up_stage', type: 'varchar', length: 16, nullable: true })
  followUpStage: FollowUpStage | null;

  @Column({ name: 'follow_up_next_at', type: TIMESTAMP, nullable: true })
  followUpNextAt: Date | null;

  // Source (issue 15; see source/): how the prospect found the form. Personal: erasure clears it.
  @Column({ name: 'utm_source', type: 'varchar', length: 200, nullable: true })
  utmSource: string | null;

  @Column({ name: 'utm_medium', type: 'varchar', length: 200, nullable: true })
  utmMedium: string | null;

  @Column({ name: 'utm_campaign', type: 'varchar', length: 200, nullable: true })
  utmCampaign: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  referrer: string | null;

  /**
   * What GET /reports/intake groups the lead under (source/lead-source.ts `sourceKey`), fixed
   * when it is stored; null once erased (reported as "unknown").
   */
  @Column({ name: 'source_key', type: 'varchar', length: 200, nullable: true })
  sourceKey: string | null;

  /** Present when the CV was uploaded rather than linked. */
  @OneToOne(() => LeadResume, (resume) => resume.lead)
  resumeFile?: LeadResume | null;
}
