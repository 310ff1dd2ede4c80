import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';

/**
 * An event recorded in the same transaction as the change it announces, and published to the
 * in-process event bus by the relay afterwards: a crash between commit and publish loses nothing.
 */
@Entity({ name: 'outbox_events' })
@Index('idx_outbox_events_pending', ['publishedAt', 'createdAt'])
export class OutboxEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ name: 'claimed_until', type: TIMESTAMP, nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'published_at', type: TIMESTAMP, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
