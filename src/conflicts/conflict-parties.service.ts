import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { insertRows } from '../database/insert-rows';
import { TransactionRunner } from '../database/transaction-runner';
import { ConflictPartyKey } from './conflict-party-key.entity';
import { ConflictParty, type PartyKind } from './conflict-party.entity';
import { nameKeys } from './name-keys';

export interface NewConflictParty {
  name: string;
  kind: PartyKind;
  note?: string | null;
}

/** The firm's conflict register; every entry is stored with its name keys, in one transaction. */
@Injectable()
export class ConflictPartiesService {
  constructor(
    @InjectRepository(ConflictParty) private readonly parties: Repository<ConflictParty>,
    private readonly tx: TransactionRunner,
  ) {}

  list(page: { limit: number; offset: number }): Promise<[ConflictParty[], number]> {
    return this.parties.findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  async create(input: NewConflictParty): Promise<ConflictParty> {
    const party: ConflictParty = {
      id: uuidv7(),
      name: input.name,
      kind: input.kind,
      note: input.note || null,
      createdAt: new Date(),
    };
    const keys = nameKeys(party.name).map((key) => ({ key, partyId: party.id }));
    await this.tx.run(async (em) => {
      await insertRows(em, ConflictParty, party).execute();
      for (let i = 0; i < keys.length; i += 300) {
        await insertRows(em, ConflictPartyKey, keys.slice(i, i + 300)).execute();
      }
    });
    return party;
  }

  async remove(id: string): Promise<void> {
    const removed = await this.tx.run(async (em) => {
      await em.delete(ConflictPartyKey, { partyId: id });
      return (await em.delete(ConflictParty, { id })).affected ?? 0;
    });
    if (removed === 0) throw new NotFoundException('Conflict party not found');
  }
}
