import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows';
import type { ConflictHit } from './conflict-hit';
import { ConflictPartyKey } from './conflict-party-key.entity';
import { ConflictParty } from './conflict-party.entity';
import { LeadNameKey, type NameSide } from './lead-name-key.entity';
import { matchRule, nameKeys } from './name-keys';

/** The names of a lead that are checked and indexed. */
export interface LeadNames {
  id?: string;
  firstName: string;
  lastName: string;
  opposingParty: string | null;
}

/** Candidates per name and source; real names share keys with a handful of entries at most. */
const MAX_CANDIDATES = 200;
/** Rows per multi-row INSERT (well under SQLite's and PostgreSQL's bound-parameter limits). */
const INSERT_CHUNK = 300;
const OTHER_SIDE: Record<NameSide, NameSide> = {
  prospect: 'opposing_party',
  opposing_party: 'prospect',
};

interface EarlierLeadRow {
  id: string;
  first_name: string;
  last_name: string;
  opposing_party: string | null;
}

/**
 * The conflict pre-check. A lead's prospect and opposing party are looked up by their name keys
 * (name-keys.ts) in the register and in earlier leads — a few indexed equality lookups, never a
 * scan — and each candidate is then confirmed, with its rule, by `matchRule`. Earlier leads count
 * across sides only: a new prospect against earlier opposing parties, a new opposing party
 * against earlier prospects (the same side twice is not a conflict).
 */
@Injectable()
export class ConflictMatcher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hitsFor(
    lead: LeadNames,
    em: EntityManager = this.dataSource.manager,
  ): Promise<ConflictHit[]> {
    const names: [NameSide, string | null][] = [
      ['prospect', `${lead.firstName} ${lead.lastName}`],
      ['opposing_party', lead.opposingParty],
    ];
    const hits: ConflictHit[] = [];
    for (const [side, name] of names) {
      const keys = name ? nameKeys(name) : [];
      if (!name || keys.length === 0) continue;
      hits.push(...(await this.registerHits(em, side, name, keys)));
      hits.push(...(await this.leadHits(em, side, name, keys, lead.id)));
    }
    return hits;
  }

  /** Stores a lead's name keys, so later leads are checked against it. */
  async indexLead(em: EntityManager, lead: LeadNames & { id: string }): Promise<void> {
    const rows: Pick<LeadNameKey, 'key' | 'side' | 'leadId'>[] = [];
    const sides: [NameSide, string | null][] = [
      ['prospect', `${lead.firstName} ${lead.lastName}`],
      ['opposing_party', lead.opposingParty],
    ];
    for (const [side, name] of sides) {
      for (const key of name ? nameKeys(name) : []) rows.push({ key, side, leadId: lead.id });
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await insertRows(em, LeadNameKey, rows.slice(i, i + INSERT_CHUNK)).execute();
    }
  }

  /** Forgets a lead's names (it was marked spam). */
  async unindexLead(em: EntityManager, leadId: string): Promise<void> {
    await em.delete(LeadNameKey, { leadId });
  }

  private async registerHits(
    em: EntityManager,
    side: NameSide,
    name: string,
    keys: string[],
  ): Promise<ConflictHit[]> {
    const rows = await em
      .createQueryBuilder(ConflictPartyKey, 'k')
      .select('DISTINCT k.partyId', 'id')
      .where('k.key IN (:...keys)', { keys })
      .limit(MAX_CANDIDATES)
      .getRawMany<{ id: string }>();
    if (rows.length === 0) return [];
    const parties = await em.findBy(ConflictParty, { id: In(rows.map((r) => r.id)) });
    return parties.flatMap((party) => {
      const rule = matchRule(name, party.name);
      return rule
        ? [
            {
              partyId: party.id,
              partyName: party.name,
              source: 'register' as const,
              matchedOn: side,
              rule,
            },
          ]
        : [];
    });
  }

  private async leadHits(
    em: EntityManager,
    side: NameSide,
    name: string,
    keys: string[],
    selfId: string | undefined,
  ): Promise<ConflictHit[]> {
    const query = em
      .createQueryBuilder(LeadNameKey, 'k')
      .select('DISTINCT k.leadId', 'id')
      .where('k.side = :side AND k.key IN (:...keys)', { side: OTHER_SIDE[side], keys });
    if (selfId) query.andWhere('k.leadId <> :selfId', { selfId });
    const rows = await query.limit(MAX_CANDIDATES).getRawMany<{ id: string }>();
    if (rows.length === 0) return [];
    const leads = await em
      .createQueryBuilder()
      .select(['l.id AS id', 'l.first_name AS first_name', 'l.last_name AS last_name'])
      .addSelect('l.opposing_party', 'opposing_party')
      .from('leads', 'l')
      .where('l.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getRawMany<EarlierLeadRow>();
    return leads.flatMap((lead) => {
      const candidate =
        side === 'prospect' ? lead.opposing_party : `${lead.first_name} ${lead.last_name}`;
      const rule = candidate ? matchRule(name, candidate) : null;
      return rule && candidate
        ? [
            {
              partyId: lead.id,
              partyName: candidate,
              source: 'lead' as const,
              matchedOn: side,
              rule,
            },
          ]
        : [];
    });
  }
}
