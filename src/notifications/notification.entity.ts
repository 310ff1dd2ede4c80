import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { TIMESTAMP } from '../database/dialect';

/** How a notification travels; each channel has its own dispatcher, which claims only its own. */
export const NOTIFICATION_CHANNELS = ['email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One message about one lead to one recipient, and how its delivery is going. */
@Entity({ name: 'notifications' })
@Index('uq_notifications_message', ['leadId', 'kind', 'recipient'], { unique: true })
@Index('idx_notifications_due', ['status', 'nextAttemptAt'])
@Index('idx_notifications_recipient', ['recipient', 'kind', 'createdAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  // By name: this lower folder does not import the leads feature.
  @ManyToOne('Lead', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: object;

  @Column({ type: 'varchar', length: 16 })
  channel: NotificationChannel;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 16 })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: TIMESTAMP })
  nextAttemptAt: Date;

  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ name: 'claimed_until', type: TIMESTAMP, nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'sent_at', type: TIMESTAMP, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}

/** A new message, due at `now`: every column set, as an INSERT of it needs (see insertRows). */
export function pendingNotification(
  fields: Pick<Notification, 'leadId' | 'channel' | 'kind' | 'recipient'> & { attempts?: number },
  now = new Date(),
): Notification {
  return Object.assign(new Notification(), {
    id: uuidv7(),
    status: 'pending' as const,
    attempts: 0,
    lastError: null,
    nextAttemptAt: now,
    claimToken: null,
    claimedUntil: null,
    sentAt: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  });
}
