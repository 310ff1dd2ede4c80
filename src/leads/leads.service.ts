import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { uuidv7 } from '../common/uuid7';
import { Brackets, Repository } from 'typeorm';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import { TransactionRunner } from '../database/transaction-runner';
import { LeadCreatedEvent } from './events/lead-created.event';
import { LeadStateChange } from './lead-state-change.entity';
import { decideTransition, type LeadState } from './lead-state';
import { Lead } from './lead.entity';

export interface NewLead {
  firstName: string;
  lastName: string;
  email: string;
  resumeUrl: string;
}

export interface LeadQuery {
  limit: number;
  offset: number;
  state?: LeadState;
  q?: string;
}

@Injectable()
export class LeadsService {
  constructor(
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    @InjectRepository(LeadStateChange) private readonly history: Repository<LeadStateChange>,
    private readonly tx: TransactionRunner,
    private readonly events: EventEmitter2,
  ) {}

  async create(input: NewLead): Promise<Lead> {
    const now = new Date();
    const lead = this.leads.create({
      id: uuidv7(),
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      resumeUrl: input.resumeUrl,
      state: 'PENDING',
      createdAt: now,
      updatedAt: now,
      reachedOutAt: null,
      reachedOutById: null,
      reachedOutBy: null,
    });
    await this.tx.run((em) => em.insert(Lead, lead));
    // Only after the commit: a listener must never see a lead that could still roll back.
    this.events.emit(LeadCreatedEvent.name, new LeadCreatedEvent(lead.id, now.toISOString()));
    return lead;
  }

  async list(query: LeadQuery): Promise<{ items: Lead[]; total: number }> {
    const qb = this.leads
      .createQueryBuilder('lead')
      .leftJoinAndSelect('lead.reachedOutBy', 'reachedOutBy')
      .orderBy('lead.createdAt', 'DESC')
      .addOrderBy('lead.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.state) qb.andWhere('lead.state = :state', { state: query.state });
    if (query.q) {
      const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("LOWER(lead.firstName) LIKE :pattern ESCAPE '\\'", { pattern })
            .orWhere("LOWER(lead.lastName) LIKE :pattern ESCAPE '\\'", { pattern })
            .orWhere("lead.email LIKE :pattern ESCAPE '\\'", { pattern }),
        ),
      );
    }
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<Lead> {
    const lead = await this.leads.findOne({ where: { id }, relations: { reachedOutBy: true } });
    if (!lead) throw new NotFoundException('Lead not found');
    return lead;
  }

  historyOf(leadId: string): Promise<LeadStateChange[]> {
    return this.history.find({
      where: { leadId },
      relations: { changedBy: true },
      order: { changedAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Moves a lead along its lifecycle. The UPDATE is conditional on the state we read, so two racing
   * requests cannot both apply the transition: the loser sees zero rows changed and re-decides
   * (now a no-op), and exactly one history row is written.
   */
  async changeState(id: string, to: LeadState, actor: AuthUser): Promise<Lead> {
    await this.tx.run(async (em) => {
      const lead = await em.findOneBy(Lead, { id });
      if (!lead) throw new NotFoundException('Lead not found');
      const decision = decideTransition(lead.state, to);
      if (decision === 'forbidden') {
        throw new ConflictException(`A lead cannot go from ${lead.state} to ${to}`);
      }
      if (decision === 'noop') return;
      const now = new Date();
      const result = await em
        .createQueryBuilder()
        .update(Lead)
        .set({
          state: to,
          updatedAt: now,
          ...(to === 'REACHED_OUT' ? { reachedOutAt: now, reachedOutById: actor.id } : {}),
        })
        .where('id = :id AND state = :from', { id, from: lead.state })
        .execute();
      if (result.affected === 0) return; // somebody else applied it first
      await em.insert(LeadStateChange, {
        id: uuidv7(),
        leadId: id,
        fromState: lead.state,
        toState: to,
        changedById: actor.id,
        changedAt: now,
      });
    });
    return this.get(id);
  }
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
