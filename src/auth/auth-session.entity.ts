import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';

/**
 * A signed-in session: what an access token's `sid` names and its refresh token renews.
 * Revoking it (sign-out, RFC 7009) refuses every token of the session on every instance.
 */
@Entity({ name: 'auth_sessions' })
@Index('idx_auth_sessions_expiry', ['expiresAt'])
export class AuthSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  /** The session's absolute end (SESSION_MAX_AGE); the row may be deleted a day later. */
  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt: Date;

  /** Last sign-in or refresh: past SESSION_IDLE_TIMEOUT from it, the session has ended. */
  @Column({ name: 'last_used_at', type: TIMESTAMP })
  lastUsedAt: Date;

  /** sha256 of the current refresh token's secret; a used (rotated) one no longer matches. */
  @Column({ name: 'refresh_hash', type: 'varchar', length: 64 })
  refreshHash: string;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;
}
