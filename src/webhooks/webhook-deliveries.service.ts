import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { claimRows } from '../database/claim-rows';
import { insertRows } from '../database/insert-rows';
import { TransactionRunner } from '../database/transaction-runner';
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
  ) {}

  /**
   * One pending delivery per endpoint. Idempotent: the unique (event, endpoint) makes a second
   * plan of the same event (the outbox publishes again after a crash or a listener's failure)
   * add nothing.
   */
  async plan(event: PlannedEvent, endpointIds: string[]): Promise<void> {
    if (endpointIds.length === 0) return;
    const now = new Date();
    await this.tx.run((em) =>
      insertRows(
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
        .execute(),
    );
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
