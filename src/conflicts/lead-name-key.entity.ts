import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** Which of a lead's names a key belongs to. */
export type NameSide = 'prospect' | 'opposing_party';

/**
 * A name key of an earlier (non-spam) lead: its prospect's name or its opposing party, so a new
 * lead is checked against earlier ones as it is against the register. The lead is referred to
 * by name: this folder does not import the leads feature.
 */
@Entity({ name: 'lead_name_keys' })
@Index('idx_lead_name_keys_lead', ['leadId'])
export class LeadNameKey {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  side: NameSide;

  @PrimaryColumn({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @ManyToOne('Lead', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: object;
}
