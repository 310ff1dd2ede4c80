import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { ConflictHit } from '../../conflicts/conflict-hit';
import { ConflictMatcher } from '../../conflicts/conflict-matcher.service';
import { Dialect } from '../../database/dialect';
import { TransactionRunner } from '../../database/transaction-runner';
import { OutboxService } from '../../outbox/outbox.service';
import { FollowUpClock } from '../../follow-up/follow-up-clock';
import { LeadAssigner } from '../assignment/lead-assigner.service';
import { LeadCreatedEvent } from '../events/lead-created.event';
import { firstFollowUp } from '../follow-up/follow-up-stage';
import { Lead } from '../lead.entity';
import { FormTokenService } from './form-token.service';
import { spamReasons, type FormSignals, type SpamReason } from './spam-signals';

/** What is known about a submit before it is stored. */
export interface Triage {
  spamReasons: SpamReason[];
  conflictHits: ConflictHit[];
}

/** Names this service's per-address locks among PostgreSQL advisory locks. */
const RETURNING_PROSPECT_LOCK = 0x1ead_0014;

/**
 * Intake triage: spam, returning prospects, the conflict pre-check. `assess` runs before the
 * create transaction (reads only); `linkReturning` and `remember` run inside it.
 */
@Injectable()
export class LeadTriage {
  constructor(
    private readonly formTokens: FormTokenService,
    private readonly matcher: ConflictMatcher,
    private readonly dialect: Dialect,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly assigner: LeadAssigner,
    private readonly clock: FollowUpClock,
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
  ) {}

  async assess(
    lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'opposingParty'>,
    signals: FormSignals = {},
  ): Promise<Triage> {
    const reasons = spamReasons(lead.email, signals, (token) => this.formTokens.problem(token));
    return { spamReasons: reasons, conflictHits: await this.matcher.hitsFor(lead) };
  }

  /**
   * Sets `duplicateOf` to the person's first non-spam lead. Takes a per-address lock first, so two
   * racing submits by one person cannot both see "no earlier lead" (on SQLite the write
   * transaction already holds the only write lock).
   */
  async linkReturning(em: EntityManager, lead: Lead): Promise<void> {
    await this.dialect.lockKey(em, RETURNING_PROSPECT_LOCK, lead.email);
    lead.duplicateOf = await this.firstLeadOf(em, lead);
  }

  /** The same for a lead released from spam: only leads received before it count. */
  private async linkReleased(em: EntityManager, lead: Lead): Promise<void> {
    await this.dialect.lockKey(em, RETURNING_PROSPECT_LOCK, lead.email);
    lead.duplicateOf = await this.firstLeadOf(em, lead, lead.createdAt);
  }

  /** After the insert: a real lead's names are what later leads are checked against. */
  async remember(em: EntityManager, lead: Lead): Promise<void> {
    if (!lead.spam) await this.matcher.indexLead(em, lead);
  }

  /**
   * An admin's verdict. Released spam is then treated as a new lead: assigned by the
   * round-robin, its follow-up clock started now, its mails planned through the outbox, its
   * names indexed. A lead marked spam is forgotten by the matcher and leaves the follow-up
   * schedule (nobody is reminded about spam).
   */
  async setSpam(id: string, spam: boolean): Promise<boolean> {
    return this.tx
      .run(async (em) => {
        const lead = await this.load(em, id);
        if (lead.spam === spam) return false;
        if (spam) {
          await this.matcher.unindexLead(em, id);
          const reasons = [...(lead.spamReasons ?? []), 'marked_by_staff'];
          await em.update(
            Lead,
            { id, spam: false },
            {
              spam: true,
              spamReasons: reasons,
              followUpDueAt: null,
              followUpStage: null,
              followUpNextAt: null,
              updatedAt: new Date(),
            },
          );
          return false;
        }
        await this.linkReturning(em, lead);
        const now = new Date();
        const changed = await em.update(
          Lead,
          { id, spam: true },
          {
            spam: false,
            duplicateOf: lead.duplicateOf,
            assignedToId: lead.assignedToId ?? (await this.assigner.pickNext(em, now)),
            ...(lead.state === 'PENDING' ? firstFollowUp(this.clock.dueAt(now)) : {}),
            updatedAt: now,
          },
        );
        if (changed.affected === 0)
          throw new ConflictException('The lead changed meanwhile; try again');
        await this.matcher.indexLead(em, lead);
        const event = new LeadCreatedEvent(lead.id, new Date().toISOString());
        await this.outbox.record(em, LeadCreatedEvent.name, event);
        return true;
      })
      .then((released) => {
        if (released) this.outbox.kick();
        return released;
      });
  }

  /** Runs the conflict pre-check again, against today's register and leads. */
  async recheck(id: string): Promise<void> {
    const lead = await this.load(this.leads.manager, id);
    const hits = await this.matcher.hitsFor(lead);
    await this.tx.run((em) =>
      em.update(
        Lead,
        { id },
        { conflict: hits.length > 0 ? 'possible' : 'clear', conflictHits: hits },
      ),
    );
  }

  private async load(em: EntityManager, id: string): Promise<Lead> {
    const lead = await em.findOneBy(Lead, { id });
    if (!lead) throw new NotFoundException('Lead not found');
    return lead;
  }

  /**
   * The earliest committed non-spam lead with the address. A new lead takes any (a racing submit
   * may have an earlier created_at yet commit later: it then links to this one, never both ways).
   */
  private async firstLeadOf(em: EntityManager, lead: Lead, before?: Date): Promise<string | null> {
    const query = em
      .createQueryBuilder(Lead, 'l')
      .select('l.id', 'id')
      .where('l.email = :email AND l.spam = :spam AND l.id <> :id', {
        email: lead.email,
        spam: false,
        id: lead.id,
      });
    if (before) query.andWhere('l.createdAt <= :before', { before });
    const first = await query
      .orderBy('l.createdAt', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .limit(1)
      .getRawOne<{ id: string }>();
    return first?.id ?? null;
  }
}
