import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/dialect';

export const PARTY_KINDS = ['client', 'adverse', 'other'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** One entry of the firm's conflict register: a client, an adverse party or anyone else. */
@Entity({ name: 'conflict_parties' })
@Index('idx_conflict_parties_created', ['createdAt', 'id'])
export class ConflictParty {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PartyKind;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
