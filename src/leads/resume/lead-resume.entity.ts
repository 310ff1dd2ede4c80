import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { BINARY, TIMESTAMP } from '../../database/dialect';
import { Lead } from '../lead.entity';

/**
 * An uploaded CV, kept in the database so every instance behind a load balancer can serve it.
 * `data` is never selected unless asked for: listing leads must not drag megabytes along.
 */
@Entity({ name: 'lead_resumes' })
export class LeadResume {
  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @OneToOne(() => Lead, (lead) => lead.resumeFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: BINARY, select: false })
  data: Buffer;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
