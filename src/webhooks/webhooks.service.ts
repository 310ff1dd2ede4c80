import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Dialect } from '../database/dialect';
import { insertRows } from '../database/insert-rows';
import { ReadDatabase } from '../database/read-database';
import { TransactionRunner } from '../database/transaction-runner';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import type { WebhookEventType } from './webhook-events';
import { newWebhookSecret } from './webhook-signature';
import { TargetRefused, WebhookTargets } from './webhook-targets.service';

/** How long deliveries are signed with the old secret too after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

export interface NewWebhook {
  url: string;
  events: WebhookEventType[];
  description?: string | null;
}

export interface EndpointWithSecret {
  row: WebhookEndpoint;
  secret: string;
}

/** Admins' webhook endpoints: create (secret shown once), list, delete, rotate, the log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly reads: ReadDatabase,
    private readonly tx: TransactionRunner,
    private readonly targets: WebhookTargets,
    private readonly dialect: Dialect,
  ) {}

  // Reads go to the read connection (committed rows only, see ReadDatabase); writes through `tx`.
  private get endpoints(): Repository<WebhookEndpoint> {
    return this.reads.manager.getRepository(WebhookEndpoint);
  }

  async create(input: NewWebhook, creatorId: string): Promise<EndpointWithSecret> {
    try {
      await this.targets.check(input.url);
    } catch (error) {
      if (error instanceof TargetRefused) throw new BadRequestException([`url ${error.message}`]);
      throw error;
    }
    const now = new Date();
    const secret = newWebhookSecret();
    const row = this.endpoints.create({
      id: uuidv7(),
      url: input.url,
      events: [...input.events].sort().join(' '),
      description: input.description || null,
      secret,
      previousSecret: null,
      previousSecretUntil: null,
      createdById: creatorId,
      createdAt: now,
      updatedAt: now,
    });
    await this.tx.run((em) => insertRows(em, WebhookEndpoint, row).execute());
    return { row, secret };
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.endpoints.find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Deleting the endpoint deletes its deliveries (cascade): nothing pending is sent any more. */
  async remove(id: string): Promise<void> {
    const result = await this.tx.run((em) => em.delete(WebhookEndpoint, { id }));
    if (!result.affected) throw new NotFoundException('Webhook not found');
  }

  /**
   * A new secret, returned once. The old one keeps signing (as a second `v1`) for 24 hours, so
   * receivers can switch without dropping deliveries; a second rotation within that time ends
   * the first one's overlap.
   */
  async rotateSecret(id: string): Promise<EndpointWithSecret> {
    const secret = newWebhookSecret();
    const row = await this.tx.run(async (em) => {
      // Row-locked on PostgreSQL: two rotations at once take turns, so the second one's "previous"
      // is the first one's new secret (which its caller was given), not the original.
      const endpoint = await this.dialect
        .lockRows(em.createQueryBuilder(WebhookEndpoint, 'e').where('e.id = :id', { id }))
        .getOne();
      if (!endpoint) throw new NotFoundException('Webhook not found');
      const now = new Date();
      endpoint.previousSecret = endpoint.secret;
      endpoint.previousSecretUntil = new Date(now.getTime() + ROTATION_OVERLAP_MS);
      endpoint.secret = secret;
      endpoint.updatedAt = now;
      await em.update(
        WebhookEndpoint,
        { id },
        {
          secret,
          previousSecret: endpoint.previousSecret,
          previousSecretUntil: endpoint.previousSecretUntil,
          updatedAt: now,
        },
      );
      return endpoint;
    });
    return { row, secret };
  }

  /** The endpoint's delivery log, newest attempt first. */
  async attemptsOf(
    endpointId: string,
    page: { limit: number; offset: number },
  ): Promise<[WebhookAttempt[], number]> {
    if (!(await this.endpoints.existsBy({ id: endpointId }))) {
      throw new NotFoundException('Webhook not found');
    }
    // limit/offset, not take/skip: the join is to-one, and the body is not needed.
    return this.reads.manager
      .createQueryBuilder(WebhookAttempt, 'a')
      .innerJoin('a.delivery', 'd')
      .addSelect(['d.id', 'd.eventId', 'd.eventType', 'd.status', 'd.nextAttemptAt'])
      .where('a.endpointId = :endpointId', { endpointId })
      .orderBy('a.attemptedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(page.limit)
      .offset(page.offset)
      .getManyAndCount();
  }
}
