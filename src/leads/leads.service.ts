import { ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation, isUniqueViolationOf } from '../database/db-errors';
import { insertRows } from '../database/insert-rows';
import { Brackets, Repository, SelectQueryBuilder } from 'typeorm';
import { Dialect } from '../database/dialect';
import { ReadDatabase } from '../database/read-database';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import { TransactionRunner } from '../database/transaction-runner';
import { leadSearchText } from '../common/search-text';
import { OutboxService } from '../outbox/outbox.service';
import { LeadCreatedEvent } from './events/lead-created.event';
import { LeadStateChangedEvent } from './events/lead-state-changed.event';
import { LeadStateChange } from './lead-state-change.entity';
import { decideTransition, type LeadState } from './lead-state';
import type { LeadSort } from './lead-sort';
import { TtlCache } from '../common/ttl-cache';
import { Lead } from './lead.entity';
import { IdempotencyService } from './idempotency/idempotency.service';
import { FollowUpClock } from '../follow-up/follow-up-clock';
import { LeadAssigner } from './assignment/lead-assigner.service';
import { firstFollowUp } from './follow-up/follow-up-stage';
import { LeadResume } from './resume/lead-resume.entity';
import type { UploadedResume } from './resume/resume-upload';
import { newLeadReference, parseLeadReference } from './reference/lead-reference';
import { LeadTriage } from './triage/lead-triage.service';
import type { FormSignals } from './triage/spam-signals';
import { sourceKey, type LeadSource } from './source/lead-source';
import { whereTriage, type TriageFilters } from './triage/triage-filters';

export interface NewLead {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  message: string | null;
  resume: { url: string } | { file: UploadedResume };
  opposingParty?: string | null;
  /** The web form's honeypot and token (spam signals; see triage/). */
  formSignals?: FormSignals;
  /** Campaign tags and referrer (see source/); null or absent: none. */
  source?: LeadSource | null;
}

export interface CreatedLead {
  lead: Lead;
  /** True when an Idempotency-Key replay returned a lead made earlier. */
  replayed: boolean;
}

export interface LeadQuery extends TriageFilters {
  limit: number;
  offset: number;
  state?: LeadState;
  q?: string;
  /** Received at or after (inclusive). */
  receivedFrom?: Date;
  /** Received before (exclusive). */
  receivedBefore?: Date;
  sort?: LeadSort;
  /** A user id: leads assigned to them. */
  assignedTo?: string;
  /** Only leads still PENDING after their follow-up fell due. */
  overdue?: boolean;
}

/** How long a list's X-Total-Count may lag behind other instances' writes. */
const COUNT_TTL_MS = 1000;
/** New references to try when the drawn one is taken (1 in 10^9 per lead today). */
const REFERENCE_ATTEMPTS = 5;

@Injectable()
export class LeadsService {
  /**
   * List totals: counting every matching row is the one part of a list request that grows with
   * the table (a full index scan, ~10–25 ms at 100 000 leads). This process's writes clear it.
   */
  private readonly counts = new TtlCache<number>(COUNT_TTL_MS);

  constructor(
    private readonly reads: ReadDatabase,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly dialect: Dialect,
    private readonly triage: LeadTriage,
    private readonly assigner: LeadAssigner,
    private readonly clock: FollowUpClock,
  ) {}

  // Reads go to the read connection (see ReadDatabase); every write happens inside `tx`.
  private get leads(): Repository<Lead> {
    return this.reads.manager.getRepository(Lead);
  }

  private get history(): Repository<LeadStateChange> {
    return this.reads.manager.getRepository(LeadStateChange);
  }

  private get resumes(): Repository<LeadResume> {
    return this.reads.manager.getRepository(LeadResume);
  }

  /**
   * Stores a lead (and its uploaded CV) in one transaction. With an Idempotency-Key, a repeat
   * returns the first lead; two racing requests with one key collide on the key's primary key
   * inside the transaction, and the loser rolls back and returns the winner's lead.
   */
  async create(input: NewLead, idempotencyKey?: string): Promise<CreatedLead> {
    const requestHash = idempotencyKey ? fingerprint(input) : '';
    if (idempotencyKey) {
      const earlier = await this.idempotency.lookup(idempotencyKey, requestHash);
      if (earlier) return { lead: await this.get(earlier), replayed: true };
    }
    const now = new Date();
    const file = 'file' in input.resume ? input.resume.file : undefined;
    const opposingParty = input.opposingParty ?? null;
    // Spam is stored and answered like any lead (a bot learns nothing); it only mails nobody.
    const triage = await this.triage.assess({ ...input, opposingParty }, input.formSignals);
    const lead = this.leads.create({
      id: uuidv7(),
      reference: newLeadReference(),
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      searchText: leadSearchText(input.firstName, input.lastName, input.email),
      phone: input.phone,
      message: input.message,
      resumeUrl: 'url' in input.resume ? input.resume.url : null,
      state: 'PENDING',
      createdAt: now,
      updatedAt: now,
      reachedOutAt: null,
      reachedOutById: null,
      reachedOutBy: null,
      opposingParty,
      spam: triage.spamReasons.length > 0,
      spamReasons: triage.spamReasons,
      duplicateOf: null,
      conflict: triage.conflictHits.length > 0 ? 'possible' : 'clear',
      conflictHits: triage.conflictHits,
      assignedToId: null,
      utmSource: input.source?.utmSource ?? null,
      utmMedium: input.source?.utmMedium ?? null,
      utmCampaign: input.source?.utmCampaign ?? null,
      referrer: input.source?.referrer ?? null,
      sourceKey: sourceKey(input.source ?? null),
      // Spam waits for nobody: no follow-up until (and unless) it is released.
      ...(triage.spamReasons.length > 0 ? {} : firstFollowUp(this.clock.dueAt(now))),
    });
    const resume =
      file &&
      this.resumes.create({
        leadId: lead.id,
        filename: file.filename,
        contentType: file.contentType,
        size: file.bytes.length,
        sha256: file.sha256,
        data: file.bytes,
        createdAt: now,
      });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.tx.run(async (em) => {
          await this.triage.linkReturning(em, lead);
          if (!lead.spam) lead.assignedToId = await this.assigner.pickNext(em, now);
          await insertRows(em, Lead, lead).execute();
          await this.triage.remember(em, lead);
          if (resume) await insertRows(em, LeadResume, resume).execute();
          if (idempotencyKey)
            await this.idempotency.remember(em, idempotencyKey, requestHash, lead.id);
          // Same transaction: the lead and the news of it are stored together or not at all.
          const event = new LeadCreatedEvent(lead.id, now.toISOString());
          if (!lead.spam) await this.outbox.record(em, LeadCreatedEvent.name, event);
        });
        break;
      } catch (error) {
        // The reference was taken: the transaction rolled back whole, so run it again with another.
        if (attempt < REFERENCE_ATTEMPTS && isReferenceTaken(error)) {
          lead.reference = newLeadReference();
          continue;
        }
        if (idempotencyKey && isUniqueViolation(error)) {
          const winner = await this.idempotency.lookup(idempotencyKey, requestHash);
          if (winner) return { lead: await this.get(winner), replayed: true };
        }
        throw error;
      }
    }
    lead.resumeFile = resume ?? null;
    this.counts.clear();
    this.outbox.kick();
    return { lead, replayed: false };
  }

  /** The uploaded CV with its bytes; 404 when the lead is unknown or only has a URL. */
  async resumeOf(leadId: string): Promise<LeadResume> {
    const resume = await this.resumes
      .createQueryBuilder('resume')
      .addSelect('resume.data')
      .where('resume.leadId = :leadId', { leadId })
      .getOne();
    if (resume) return resume;
    await this.get(leadId); // 404 "Lead not found" when the lead itself is unknown, 410 erased
    throw new NotFoundException('This lead has no uploaded résumé');
  }

  async list(query: LeadQuery): Promise<{ items: Lead[]; total: number }> {
    const direction = query.sort === 'created_at' ? 'ASC' : 'DESC';
    const items = await this.matchingWithRelations(query)
      .orderBy('lead.createdAt', direction)
      .addOrderBy('lead.id', direction)
      // limit/offset, not take/skip: both joins are to-one, so rows never multiply, and take/skip
      // would add a DISTINCT-ids query to every page.
      .limit(query.limit)
      .offset(query.offset)
      .getMany();
    // A first page that is not full holds every match: no need to count.
    if (query.offset === 0 && items.length < query.limit) return { items, total: items.length };
    const key = JSON.stringify([
      query.state ?? null,
      query.q ?? null,
      query.receivedFrom?.toISOString() ?? null,
      query.receivedBefore?.toISOString() ?? null,
      query.spam ?? null,
      query.duplicate ?? null,
      query.conflict ?? null,
      query.assignedTo ?? null,
      query.overdue ?? null,
    ]);
    const total = await this.counts.get(key, () => this.matching(query).getCount());
    return { items, total };
  }

  /** Leads matching the list filters (state, `q` on names, email or reference, received between, triage); also the export's. */
  matching(query: Omit<LeadQuery, 'limit' | 'offset'>): SelectQueryBuilder<Lead> {
    const qb = whereTriage(this.leads.createQueryBuilder('lead'), 'lead', query);
    if (query.state) qb.andWhere('lead.state = :state', { state: query.state });
    if (query.receivedFrom) qb.andWhere('lead.createdAt >= :from', { from: query.receivedFrom });
    if (query.receivedBefore)
      qb.andWhere('lead.createdAt < :before', { before: query.receivedBefore });
    if (query.q) {
      const text = this.dialect.leadSearch('lead', query.q);
      const reference = parseLeadReference(query.q);
      // A `q` that reads as a reference: that lead (exact match), or leads whose text contains it.
      qb.andWhere(
        reference
          ? new Brackets((w) => w.where('lead.reference = :reference', { reference }).orWhere(text))
          : text,
      );
    }
    if (query.assignedTo)
      qb.andWhere('lead.assignedToId = :assignee', { assignee: query.assignedTo });
    if (query.overdue) {
      // The overdue clock runs in PENDING only; a count cached for a second is close enough.
      qb.andWhere("lead.state = 'PENDING' AND lead.followUpDueAt <= :now", { now: new Date() });
    }
    return qb;
  }

  async get(id: string): Promise<Lead> {
    // One query: findOne with relations would first run a DISTINCT-ids query for its LIMIT 1.
    return readableLead(await this.withRelations().where('lead.id = :id', { id }).getOne());
  }

  /** Several leads in one query, by id; pass each through readableLead (unknown, erased). */
  async getMany(ids: string[]): Promise<Map<string, Lead>> {
    if (ids.length === 0) return new Map();
    const leads = await this.withRelations().where('lead.id IN (:...ids)', { ids }).getMany();
    return new Map(leads.map((lead) => [lead.id, lead]));
  }

  /** The leads matching the list filters, with what a lead shows (the list's and the export's). */
  matchingWithRelations(query: Omit<LeadQuery, 'limit' | 'offset'>): SelectQueryBuilder<Lead> {
    return this.withRelations(this.matching(query));
  }

  /** `qb` (alias `lead`) with the people and the file a lead shows. */
  private withRelations(qb = this.leads.createQueryBuilder('lead')): SelectQueryBuilder<Lead> {
    return qb
      .leftJoinAndSelect('lead.reachedOutBy', 'reachedOutBy')
      .leftJoinAndSelect('lead.assignedTo', 'assignedTo')
      .leftJoinAndSelect('lead.resumeFile', 'resumeFile');
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
  async changeState(id: string, to: LeadState, actor: AuthUser, reason?: string): Promise<Lead> {
    const changed = await this.tx.run(async (em) => {
      const lead = await em.findOneBy(Lead, { id });
      if (!lead) throw new NotFoundException('Lead not found');
      if (lead.erasedAt) throw new GoneException('This lead was erased');
      const decision = decideTransition(lead.state, to);
      if (decision === 'forbidden') {
        throw new ConflictException(`A lead cannot go from ${lead.state} to ${to}`);
      }
      if (decision === 'noop') return false;
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
      if (result.affected === 0) return false; // somebody else applied it first
      await insertRows(em, LeadStateChange, {
        id: uuidv7(),
        leadId: id,
        fromState: lead.state,
        toState: to,
        changedById: actor.id,
        changedAt: now,
        reason: reason || null,
      }).execute();
      // Same transaction: the change and the news of it are stored together or not at all.
      const event = new LeadStateChangedEvent(id, lead.state, to, actor.id, now.toISOString());
      await this.outbox.record(em, LeadStateChangedEvent.name, event);
      return true;
    });
    this.counts.clear();
    if (changed) this.outbox.kick();
    return this.get(id);
  }
}

const isReferenceTaken = (error: unknown) =>
  isUniqueViolationOf(error, 'idx_leads_reference', 'leads', 'reference');

/** What makes two submits "the same request" for Idempotency-Key purposes. */
function fingerprint(input: NewLead): string {
  const resume =
    'url' in input.resume
      ? { url: input.resume.url }
      : { sha256: input.resume.file.sha256, filename: input.resume.file.filename };
  return createHash('sha256')
    .update(
      JSON.stringify([
        input.firstName,
        input.lastName,
        input.email,
        resume,
        // Only when given, so a key stored before phone and message existed still matches.
        ...(input.phone || input.message ? [input.phone, input.message] : []),
        ...(input.source ? [{ source: input.source }] : []),
      ]),
    )
    .digest('hex');
}

/** The lead, or the answer a reader gets: 404 when unknown, 410 when erased. */
export function readableLead(lead: Lead | null | undefined): Lead {
  if (!lead) throw new NotFoundException('Lead not found');
  if (lead.erasedAt) throw new GoneException('This lead was erased');
  return lead;
}
