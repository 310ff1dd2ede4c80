import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/dialect';
import { User } from '../../users/user.entity';
import { Lead } from '../lead.entity';

/** One reassignment of a lead: from whom, to whom, by whom and when. */
@Entity({ name: 'lead_assignments' })
@Index('idx_lead_assignments_lead', ['leadId', 'changedAt'])
export class LeadAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ name: 'from_user_id', type: 'varchar', length: 36, nullable: true })
  fromUserId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'from_user_id' })
  fromUser?: User | null;

  @Column({ name: 'to_user_id', type: 'varchar', length: 36, nullable: true })
  toUserId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'to_user_id' })
  toUser?: User | null;

  @Column({ name: 'changed_by_id', type: 'varchar', length: 36, nullable: true })
  changedById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'changed_by_id' })
  changedBy?: User | null;

  @Column({ name: 'changed_at', type: TIMESTAMP })
  changedAt: Date;
}
