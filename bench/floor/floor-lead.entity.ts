import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../src/database/dialect';

/**
 * The columns of the service's `leads` table that a JSON submit fills, and nothing else: no
 * relations, and no column default (so `insert` is one statement, without a follow-up SELECT of
 * defaulted columns on SQLite).
 */
@Entity({ name: 'leads' })
export class FloorLead {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'resume_url', type: 'varchar', length: 2048, nullable: true })
  resumeUrl: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
