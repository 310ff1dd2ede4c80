import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';
import type { WebhookEventType } from './webhook-events';

/**
 * A receiver of signed lead events. The secret is kept as it is (an HMAC needs it to sign) and
 * never leaves the service again after the answer that created or rotated it.
 */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** Space-separated event types, sorted. */
  @Column({ type: 'varchar', length: 200 })
  events: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 64 })
  secret: string;

  /** The secret before the last rotation: deliveries are signed with it too until the time below. */
  @Column({ name: 'previous_secret', type: 'varchar', length: 64, nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_until', type: TIMESTAMP, nullable: true })
  previousSecretUntil: Date | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}

export const eventsOf = (endpoint: WebhookEndpoint): WebhookEventType[] =>
  endpoint.events.split(' ') as WebhookEventType[];

/** The secrets to sign with at `now`: the current one, and the previous one during its overlap. */
export function signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  const overlap = endpoint.previousSecret && endpoint.previousSecretUntil;
  return overlap && endpoint.previousSecretUntil! > now
    ? [endpoint.secret, endpoint.previousSecret!]
    : [endpoint.secret];
}
