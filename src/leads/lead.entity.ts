import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';
import type { LeadState } from './lead-state';
import type { FollowUpStage } from './follow-up/follow-up-stage';
import { LeadResume } from './resume/lead-resume.entity';

@Entity({ name: 'leads' })
@Index('idx_leads_created', ['createdAt', 'id'])
@Index('idx_leads_state_created', ['state', 'createdAt', 'id'])
@Index('idx_leads_email', ['email'])
@Index('idx_leads_assignee', ['assignedToId', 'state'])
@Index('idx_leads_follow_up', ['state', 'followUpDueAt'])
@Index('idx_leads_follow_up_next', ['followUpNextAt'])
export class Lead {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

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

  /** Present when the CV was uploaded rather than linked. */
  @OneToOne(() => LeadResume, (resume) => resume.lead)
  resumeFile?: LeadResume | null;
}
