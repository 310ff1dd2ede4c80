import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';

import type { UserRole } from '../common/user-role';

export { USER_ROLES, type UserRole } from '../common/user-role';

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Whether new leads are assigned to this user (attorneys only). */
  @Column({ name: 'accepts_leads', type: 'boolean', default: true })
  acceptsLeads: boolean;

  /** When this user was last given a new lead: the round-robin takes the longest-waiting first. */
  @Column({ name: 'last_assigned_at', type: TIMESTAMP, nullable: true })
  lastAssignedAt: Date | null;

  /** Bumped on password change and deactivation; tokens carrying an older value are refused. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
