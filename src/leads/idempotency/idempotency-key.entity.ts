import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/dialect';
import { Lead } from '../lead.entity';

/** A client's Idempotency-Key for POST /leads, the fingerprint of its request, and the lead made. */
@Entity({ name: 'idempotency_keys' })
@Index('idx_idempotency_keys_created', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
