import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';
import { Lead } from './lead.entity';
import type { LeadState } from './lead-state';

@Entity({ name: 'lead_state_changes' })
@Index('idx_lead_state_changes_lead', ['leadId', 'changedAt'])
export class LeadStateChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ name: 'from_state', type: 'varchar', length: 16 })
  fromState: LeadState;

  @Column({ name: 'to_state', type: 'varchar', length: 16 })
  toState: LeadState;

  @Column({ name: 'changed_by_id', type: 'varchar', length: 36, nullable: true })
  changedById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_id' })
  changedBy?: User | null;

  @Column({ name: 'changed_at', type: TIMESTAMP })
  changedAt: Date;

  /** Why a lead was declined, when somebody said. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;
}
