import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { claimRows } from '../database/claim-rows';
import { insertRows } from '../database/insert-rows';
import { Dialect } from '../database/dialect';
import { TransactionRunner } from '../database/transaction-runner';
import { Lead } from '../leads/lead.entity';
import type { DeliveryNext } from './delivery-next';
import { WebhookAttempt, type WebhookAttemptOutcome } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { WebhookEventType } from './webhook-events';

export interface PlannedEvent {
  eventId: string;
  type: WebhookEventType;
  leadId: string;
  body: string;
}

/** What one attempt found out. */
export interface AttemptResult {
  outcome: WebhookAttemptOutcome;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  attemptedAt: Date;
}

/** Delivery rows: planned per event and endpoint, leased to one instance, settled per attempt. */
@Injectable()
export class WebhookDeliveries {
  constructor(
    @InjectRepository(WebhookDelivery) private readonly rows: Repository<WebhookDelivery>,
    private readonly tx: TransactionRunner,
    private readonly dialect: Dialect,
  ) {}

  /**
   * One pending delivery per endpoint. Idempotent: the unique (event, endpoint) makes a second
   * plan of the same event (the outbox publishes again after a crash or a listener's failure)
   * add nothing.
   */
  async plan(event: PlannedEvent, endpointIds: string[]): Promise<void> {
    if (endpointIds.length === 0) return;
    const now = new Date();
    await this.tx.run(async (em) => {
      // The body was built from a read outside this transaction: if the lead has been erased
      // since, nothing is stored. On PostgreSQL the row is share-locked, so an erasure running
      // now either committed before this read or waits until these rows exist (and erases them).
      const lead = em
        .createQueryBuilder(Lead, 'l')
        .select(['l.id', 'l.erasedAt'])
        .where('l.id = :id', { id: event.leadId });
      if (this.dialect.isPostgres) lead.setLock('pessimistic_read');
      const found = await lead.getOne();
      if (!found || found.erasedAt) return;
      await insertRows(
        em,
        WebhookDelivery,
        endpointIds.map((endpointId) => ({
          id: uuidv7(),
          endpointId,
          eventId: event.eventId,
          eventType: event.type,
          leadId: event.leadId,
          body: event.body,
          status: 'pending' as const,
          attempts: 0,
          lastError: null,
          nextAttemptAt: now,
          claimToken: null,
          claimedUntil: null,
          deliveredAt: null,
          createdAt: now,
          updatedAt: now,
        })),
      )
        .orIgnore()
        .execute();
    });
  }

  /** A delivery's body as stored now: null once its lead was erased (or the row is gone). */
  async currentBody(id: string): Promise<string | null> {
    const row = await this.rows.findOne({ select: { id: true, body: true }, where: { id } });
    return row?.body ?? null;
  }

  /** Leases due deliveries to this instance. */
  async claimDue(limit: number, leaseMs: number): Promise<WebhookDelivery[]> {
    const token = await this.tx.run((em) =>
      claimRows(em, {
        entity: WebhookDelivery,
        where: "c.status = 'pending' AND c.nextAttemptAt <= :now",
        orderBy: 'c.nextAttemptAt',
        limit,
        leaseMs,
      }),
    );
    return this.rows.find({ where: { claimToken: token }, order: { nextAttemptAt: 'ASC' } });
  }

  /**
   * Logs the attempt and moves the delivery on, in one transaction, if this instance still holds
   * the lease; nothing when the endpoint was deleted meanwhile (its deliveries went with it).
   */
  async settle(row: WebhookDelivery, attempt: AttemptResult, next: DeliveryNext): Promise<boolean> {
    const now = new Date();
    return this.tx.run(async (em) => {
      const updated = await em.update(
        WebhookDelivery,
        { id: row.id, claimToken: row.claimToken! },
        {
          status: next.status,
          attempts: row.attempts + 1,
          lastError: attempt.error,
          nextAttemptAt: next.status === 'pending' ? next.retryAt : row.nextAttemptAt,
          deliveredAt: next.status === 'delivered' ? now : null,
          claimToken: null,
          claimedUntil: null,
          updatedAt: now,
        },
      );
      if (!updated.affected) return false;
      await insertRows(em, WebhookAttempt, {
        id: uuidv7(),
        deliveryId: row.id,
        endpointId: row.endpointId,
        attempt: row.attempts + 1,
        ...attempt,
      }).execute();
      return true;
    });
  }

  /**
   * Erasure, inside its transaction: the bodies that copied the lead's data are emptied, and what
   * was still to be sent is given up (it would carry data the firm was asked to forget).
   */
  async eraseLead(em: EntityManager, leadId: string): Promise<void> {
    const now = new Date();
    await em.update(
      WebhookDelivery,
      { leadId, status: 'pending' },
      { status: 'failed', lastError: 'Lead erased', claimToken: null, claimedUntil: null },
    );
    await em.update(WebhookDelivery, { leadId }, { body: null, updatedAt: now });
  }
}
