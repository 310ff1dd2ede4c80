import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';

/**
 * Who did what to which record, and when. Ids only, never names, e-mail addresses or content:
 * the trail must outlive an erasure without keeping what was erased.
 */
@Entity({ name: 'audit_events' })
@Index('idx_audit_events_at', ['at', 'id'])
@Index('idx_audit_events_lead', ['leadId', 'at'])
@Index('idx_audit_events_actor', ['actorUserId', 'at'])
@Index('idx_audit_events_action', ['action', 'at'])
export class AuditEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: TIMESTAMP })
  at: Date;

  /** The signed-in user, or the admin an API key acts for; null for the service itself. */
  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_api_key_id', type: 'varchar', length: 36, nullable: true })
  actorApiKeyId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'lead_id', type: 'varchar', length: 36, nullable: true })
  leadId: string | null;

  /** What else the action was about: a user, an API key, a webhook. */
  @Column({ name: 'target_id', type: 'varchar', length: 36, nullable: true })
  targetId: string | null;
}
