import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConflictParty } from './conflict-party.entity';

/** A name key (see name-keys.ts) of a register entry; the primary key leads with `key`. */
@Entity({ name: 'conflict_party_keys' })
@Index('idx_conflict_party_keys_party', ['partyId'])
export class ConflictPartyKey {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @PrimaryColumn({ name: 'party_id', type: 'varchar', length: 36 })
  partyId: string;

  @ManyToOne(() => ConflictParty, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'party_id' })
  party?: ConflictParty;
}
