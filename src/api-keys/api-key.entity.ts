import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';
import { User } from '../users/user.entity';

/** A server-to-server credential. Only a hash of the key is stored; the key is shown once. */
@Entity({ name: 'api_keys' })
@Index('idx_api_keys_prefix', ['prefix'])
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The key's first characters (`lik_` + 8): finds the row, and tells keys apart in lists. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** Space-separated scopes. */
  @Column({ type: 'varchar', length: 200 })
  scopes: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: TIMESTAMP, nullable: true })
  lastUsedAt: Date | null;
}
