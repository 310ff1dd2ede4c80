import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { Dialect } from '../../database/dialect';
import { insertRows } from '../../database/insert-rows';
import { TransactionRunner } from '../../database/transaction-runner';
import { OutboxService } from '../../outbox/outbox.service';
import { User } from '../../users/user.entity';
import { LeadAssignedEvent } from '../events/lead-assigned.event';
import { Lead } from '../lead.entity';
import { LeadAssignment } from './lead-assignment.entity';

/** Names the round-robin's lock among PostgreSQL advisory locks. */
const ROUND_ROBIN_LOCK = 0x1ead_0015;

/** Who owns a lead: the round-robin for new leads, and admins' reassignments. */
@Injectable()
export class LeadAssigner {
  constructor(
    @InjectRepository(LeadAssignment) private readonly assignments: Repository<LeadAssignment>,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly dialect: Dialect,
  ) {}

  /**
   * The next assignee, inside the lead's creation transaction: the active attorney taking leads
   * who has waited longest since their last lead (never-assigned first), stamped as assigned now.
   * On PostgreSQL an advisory lock makes concurrent creations (on any instance) take turns, and
   * each reads the stamps the previous one committed, so nobody picks from a stale order; SQLite
   * runs one write transaction at a time. Null when nobody takes leads.
   */
  async pickNext(em: EntityManager, now: Date): Promise<string | null> {
    await this.dialect.lockKey(em, ROUND_ROBIN_LOCK, 'attorneys');
    const next = await em
      .createQueryBuilder(User, 'u')
      .select(['u.id'])
      .where("u.role = 'attorney' AND u.active = :yes AND u.acceptsLeads = :yes", { yes: true })
      .orderBy('u.lastAssignedAt', 'ASC', 'NULLS FIRST')
      .addOrderBy('u.id', 'ASC')
      .limit(1)
      .getOne();
    if (!next) return null;
    // Stamps only ever grow: a request that waited for the lock carries an older `now` than
    // the one before it, and stamping with it would hand its attorney the next turn as well
    // (found by the two-instance test: 6 and 4 out of 10).
    const latest = await em.findOne(User, {
      select: { id: true, lastAssignedAt: true },
      where: { lastAssignedAt: Not(IsNull()) },
      order: { lastAssignedAt: 'DESC' },
    });
    const stamp = Math.max(now.getTime(), (latest?.lastAssignedAt?.getTime() ?? 0) + 1);
    await em.update(User, { id: next.id }, { lastAssignedAt: new Date(stamp) });
    return next.id;
  }

  /**
   * Gives a lead to `userId` (an active user), records who did it, and tells the new assignee
   * (through the outbox). The same assignee again changes nothing.
   */
  async reassign(leadId: string, userId: string, actor: AuthUser): Promise<void> {
    const changed = await this.tx.run(async (em) => {
      const lead = await em.findOneBy(Lead, { id: leadId });
      if (!lead) throw new NotFoundException('Lead not found');
      const user = await em.findOneBy(User, { id: userId });
      if (!user) throw new BadRequestException(['user_id: no such user']);
      if (!user.active) throw new ConflictException('This user is deactivated');
      if (lead.assignedToId === userId) return false;
      const now = new Date();
      const result = await em
        .createQueryBuilder()
        .update(Lead)
        .set({ assignedToId: userId, updatedAt: now })
        .where('id = :leadId', { leadId })
        .andWhere(
          lead.assignedToId === null ? 'assigned_to_id IS NULL' : 'assigned_to_id = :from',
          { from: lead.assignedToId },
        )
        .execute();
      if (result.affected === 0) throw new ConflictException('The lead was reassigned meanwhile');
      await insertRows(em, LeadAssignment, {
        id: uuidv7(),
        leadId,
        fromUserId: lead.assignedToId,
        toUserId: userId,
        changedById: actor.id,
        changedAt: now,
      }).execute();
      const event = new LeadAssignedEvent(leadId, userId, now.toISOString());
      await this.outbox.record(em, LeadAssignedEvent.name, event);
      return true;
    });
    if (changed) this.outbox.kick();
  }

  historyOf(leadId: string): Promise<LeadAssignment[]> {
    return this.assignments.find({
      where: { leadId },
      relations: { fromUser: true, toUser: true, changedBy: true },
      order: { changedAt: 'ASC', id: 'ASC' },
    });
  }
}
