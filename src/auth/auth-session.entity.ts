import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';

/**
 * A signed-in session: what an access token's `sid` names. Revoking it (sign-out, RFC 7009)
 * refuses every token of the session on every instance.
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

  /** When its last token lapses; the row may be deleted after that. */
  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;
}
