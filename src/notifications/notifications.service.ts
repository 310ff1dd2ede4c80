import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { insertRows } from '../database/insert-rows';
import { claimRows } from '../database/claim-rows';
import { dialectOf } from '../database/dialect';
import { TransactionRunner } from '../database/transaction-runner';
import {
  Notification,
  pendingNotification,
  type NotificationChannel,
  type NotificationStatus,
} from './notification.entity';
import { NotificationsDueEvent } from './notifications-due.event';

/** At most `max` messages of one kind to one recipient within `withinMs`, over all leads. */
export interface MessageCap {
  max: number;
  withinMs: number;
}

export interface PlannedMessage {
  kind: string;
  recipient: string;
  cap?: MessageCap;
}

/** Names this service's per-recipient locks among PostgreSQL advisory locks. */
const RECIPIENT_LOCK = 0x1ead_0002;

@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly rows: Repository<Notification>,
    private readonly tx: TransactionRunner,
    private readonly bus: EventEmitter2,
  ) {}

  /**
   * Plans one notification per message, and returns the messages left out because their cap was
   * reached. Idempotent: planning the same lead twice (an outbox event published again after a
   * crash) adds nothing, thanks to the unique (lead, kind, recipient), and a lead's own message
   * never counts against its cap. Caps are counted in the database, under a per-recipient lock,
   * so they hold across instances and concurrent leads.
   */
  async plan(
    leadId: string,
    channel: NotificationChannel,
    messages: PlannedMessage[],
  ): Promise<PlannedMessage[]> {
    const now = new Date();
    const skipped = await this.tx.run(async (em) => {
      const due: PlannedMessage[] = [];
      const capped: PlannedMessage[] = [];
      for (const m of messages) {
        (m.cap && (await this.capReached(em, leadId, m, m.cap, now)) ? capped : due).push(m);
      }
      if (due.length > 0) {
        await insertRows(
          em,
          Notification,
          due.map((m) =>
            pendingNotification({ leadId, channel, kind: m.kind, recipient: m.recipient }, now),
          ),
        )
          .orIgnore()
          .execute();
      }
      return capped;
    });
    this.bus.emit(NotificationsDueEvent.name, new NotificationsDueEvent(channel));
    return skipped;
  }

  /** Whether other leads already planned `cap.max` such messages to this recipient lately. */
  private async capReached(
    em: EntityManager,
    leadId: string,
    message: PlannedMessage,
    cap: MessageCap,
    now: Date,
  ): Promise<boolean> {
    await dialectOf(em.connection).lockKey(
      em,
      RECIPIENT_LOCK,
      `${message.kind}:${message.recipient}`,
    );
    const earlier = await em
      .createQueryBuilder(Notification, 'n')
      .where('n.recipient = :recipient AND n.kind = :kind', {
        recipient: message.recipient,
        kind: message.kind,
      })
      .andWhere('n.createdAt > :since AND n.leadId <> :leadId', {
        since: new Date(now.getTime() - cap.withinMs),
        leadId,
      })
      .getCount();
    return earlier >= cap.max;
  }

  /**
   * Erasure: the prospect's address on the lead's notifications becomes `replacement`, and what
   * was still to be sent is given up (there is nobody left to write to).
   */
  async eraseRecipient(
    em: EntityManager,
    leadId: string,
    address: string,
    replacement: string,
  ): Promise<void> {
    await em.update(Notification, { leadId, recipient: address }, { recipient: replacement });
    await em.update(
      Notification,
      { leadId, status: 'pending' },
      { status: 'failed', lastError: 'Lead erased', claimToken: null, claimedUntil: null },
    );
  }

  forLead(leadId: string): Promise<Notification[]> {
    return this.rows.find({ where: { leadId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  list(
    filter: { status?: NotificationStatus },
    page: { limit: number; offset: number },
  ): Promise<[Notification[], number]> {
    return this.rows.findAndCount({
      where: filter.status ? { status: filter.status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  /** An admin's "try again": a failed (or still pending) notification becomes due now. */
  async retry(id: string): Promise<Notification> {
    const updated = await this.tx.run(async (em) => {
      const row = await em.findOneBy(Notification, { id });
      if (!row) throw new NotFoundException('Notification not found');
      if (row.status === 'sent') throw new ConflictException('This notification was already sent');
      row.status = 'pending';
      row.attempts = 0;
      row.nextAttemptAt = new Date();
      row.claimToken = null;
      row.claimedUntil = null;
      row.updatedAt = new Date();
      await em.save(Notification, row);
      return row;
    });
    this.bus.emit(NotificationsDueEvent.name, new NotificationsDueEvent(updated.channel));
    return updated;
  }

  /**
   * An admin's "try all again" after fixing the cause (a mailbox back, SMTP_URL corrected): every
   * failed notification of the channel becomes due now, in one statement. Returns how many.
   */
  async retryFailed(channel: NotificationChannel): Promise<number> {
    const now = new Date();
    const result = await this.tx.run((em) =>
      em.update(
        Notification,
        { channel, status: 'failed' },
        {
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          claimToken: null,
          claimedUntil: null,
          updatedAt: now,
        },
      ),
    );
    const retried = result.affected ?? 0;
    if (retried > 0) this.bus.emit(NotificationsDueEvent.name, new NotificationsDueEvent(channel));
    return retried;
  }

  /** Leases this channel's due notifications to this instance. */
  async claimDue(
    channel: NotificationChannel,
    limit: number,
    leaseMs: number,
  ): Promise<Notification[]> {
    const token = await this.tx.run((em) =>
      claimRows(em, {
        entity: Notification,
        where: "c.channel = :channel AND c.status = 'pending' AND c.nextAttemptAt <= :now",
        params: { channel },
        orderBy: 'c.nextAttemptAt',
        limit,
        leaseMs,
      }),
    );
    return this.rows.find({ where: { claimToken: token }, order: { nextAttemptAt: 'ASC' } });
  }

  /** Forgets a message whose moment has passed (see stillWanted), if this instance holds it. */
  async drop(row: Notification): Promise<void> {
    await this.tx.run((em) => em.delete(Notification, { id: row.id, claimToken: row.claimToken! }));
  }

  /**
   * Records several sends as done in one statement, for the rows this instance still holds (a
   * row whose lease ran out and was claimed again carries another token and is left alone).
   */
  async markSent(rows: Notification[]): Promise<void> {
    if (rows.length === 0) return;
    const now = new Date();
    await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(Notification)
        .set({
          status: 'sent',
          attempts: () => 'attempts + 1',
          lastError: null,
          sentAt: now,
          claimToken: null,
          claimedUntil: null,
          updatedAt: now,
        })
        .where('id IN (:...ids) AND claimToken IN (:...tokens)', {
          ids: rows.map((row) => row.id),
          tokens: [...new Set(rows.map((row) => row.claimToken!))],
        })
        .execute(),
    );
  }

  /** Records a failed send (to retry, or given up), if this instance still holds the claim. */
  async settle(
    row: Notification,
    outcome:
      { status: 'pending'; error: string; retryAt: Date } | { status: 'failed'; error: string },
  ): Promise<void> {
    const now = new Date();
    await this.tx.run((em) =>
      em.update(
        Notification,
        { id: row.id, claimToken: row.claimToken! },
        {
          status: outcome.status,
          attempts: row.attempts + 1,
          lastError: outcome.error.slice(0, 1000),
          sentAt: null,
          nextAttemptAt: outcome.status === 'pending' ? outcome.retryAt : row.nextAttemptAt,
          claimToken: null,
          claimedUntil: null,
          updatedAt: now,
        },
      ),
    );
  }
}
