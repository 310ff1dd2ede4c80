import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { insertRows } from '../database/insert-rows';
import { retryDelayMs } from '../common/backoff';
import { PollingWorker } from '../common/polling-worker';
import { Semaphore } from '../common/semaphore';
import { v7 as uuidv7 } from 'uuid';
import { deliveryConfig, type DeliveryConfig } from '../config/configuration';
import { claimRows } from '../database/claim-rows';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxEvent } from './outbox-event.entity';

const BATCH = 50;
/** Events published at a time: enough to fill a commit, few enough for a PostgreSQL pool. */
const PARALLEL_PUBLISHES = 8;

/**
 * What listeners receive after the payload: the outbox row's id, the same each time the event is
 * published again, so a listener can key what it does on it (webhook deliveries do).
 */
export interface OutboxEnvelope {
  eventId: string;
  recordedAt: string;
}

/**
 * The transactional outbox. `record` writes an event in the caller's transaction; the relay then
 * publishes it on the in-process event bus and marks it published only when every listener has
 * finished. A listener failure, or a crash, leaves the event to be published again later, so
 * listeners must be idempotent.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly worker: PollingWorker;
  private readonly parallel = new Semaphore(PARALLEL_PUBLISHES);

  constructor(
    @InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>,
    private readonly tx: TransactionRunner,
    private readonly bus: EventEmitter2,
    @Inject(deliveryConfig.KEY) private readonly delivery: DeliveryConfig,
  ) {
    this.worker = new PollingWorker('OutboxRelay', delivery.pollMs, () => this.relay());
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** Records `payload` as event `type` inside the caller's transaction. */
  async record(em: EntityManager, type: string, payload: object): Promise<void> {
    await insertRows(em, OutboxEvent, {
      id: uuidv7(),
      type,
      payload: JSON.stringify(payload),
      attempts: 0,
      lastError: null,
      claimToken: null,
      claimedUntil: null,
      publishedAt: null,
      createdAt: new Date(),
    }).execute();
  }

  /**
   * Erasure: deletes the published events that mention `id`; their work is done. Events still
   * to publish stay (they carry ids, and their listeners see the erased record).
   */
  async forgetPublished(em: EntityManager, id: string): Promise<void> {
    await em
      .createQueryBuilder()
      .delete()
      .from(OutboxEvent)
      .where('published_at IS NOT NULL AND payload LIKE :mention', { mention: `%${id}%` })
      .execute();
  }

  /** Publish soon: call after the recording transaction committed. */
  kick(): void {
    this.worker.kick();
  }

  /**
   * One relay pass; true when it found events (so the next pass starts at once). The events of
   * different leads are published side by side, so their listeners' writes share commits (see
   * TransactionRunner) instead of waiting for one another; those of one lead stay in order: when
   * one fails, the lead's later events of the pass wait for its retry with it. The published marks
   * of the whole batch are one statement.
   */
  async relay(): Promise<boolean> {
    const token = await this.tx.run((em) =>
      claimRows(em, {
        entity: OutboxEvent,
        where: 'c.publishedAt IS NULL',
        orderBy: 'c.createdAt',
        limit: BATCH,
        leaseMs: this.delivery.leaseMs,
      }),
    );
    const claimed = await this.events.find({
      where: { claimToken: token },
      order: { createdAt: 'ASC' },
    });
    const published: string[] = [];
    await Promise.all(
      [...bySubject(claimed).values()].map((chain) =>
        this.parallel.run(async () => {
          for (const [i, { event, payload }] of chain.entries()) {
            const retryAt = await this.publish(event, payload);
            if (!retryAt) {
              published.push(event.id);
              continue;
            }
            await this.holdUntil(
              chain.slice(i + 1).map((later) => later.event),
              retryAt,
            );
            return;
          }
        }),
      ),
    );
    if (published.length > 0) {
      await this.tx.run((em) =>
        em
          .createQueryBuilder()
          .update(OutboxEvent)
          .set({ publishedAt: new Date(), claimToken: null, claimedUntil: null })
          .where('id IN (:...published) AND claimToken = :token', { published, token })
          .execute(),
      );
    }
    return claimed.length > 0;
  }

  /**
   * Hands one event to its listeners. Null when they all succeeded; otherwise when to retry (the
   * claim is kept until then, after which any instance may take the event again).
   */
  private async publish(event: OutboxEvent, payload: unknown): Promise<Date | null> {
    try {
      const envelope: OutboxEnvelope = {
        eventId: event.id,
        recordedAt: event.createdAt.toISOString(),
      };
      await this.bus.emitAsync(event.type, payload, envelope);
      return null;
    } catch (error) {
      const attempts = event.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { outboxId: event.id, type: event.type, attempts, err: message },
        `Publishing ${event.type} ${event.id} failed (attempt ${attempts}); will retry`,
      );
      const retryAt = new Date(Date.now() + retryDelayMs(attempts, this.delivery));
      await this.tx
        .run((em) =>
          em.update(
            OutboxEvent,
            { id: event.id, claimToken: event.claimToken! },
            { attempts, lastError: message.slice(0, 1000), claimedUntil: retryAt },
          ),
        )
        // Not recorded: the claim simply lasts its lease; the rest of the pass goes on.
        .catch((failure: unknown) => this.logFailedUpdate(failure));
      return retryAt;
    }
  }

  /** Keeps `events` (a lead's events after a failed one) claimed until that one's retry. */
  private async holdUntil(events: OutboxEvent[], retryAt: Date): Promise<void> {
    if (events.length === 0) return;
    await this.tx
      .run((em) =>
        em
          .createQueryBuilder()
          .update(OutboxEvent)
          .set({ claimedUntil: retryAt })
          .where('id IN (:...ids) AND claimToken = :token', {
            ids: events.map((e) => e.id),
            token: events[0].claimToken,
          })
          .execute(),
      )
      .catch((failure: unknown) => this.logFailedUpdate(failure));
  }

  private logFailedUpdate(failure: unknown): void {
    this.logger.error(
      { err: failure instanceof Error ? failure.message : String(failure) },
      'Could not record an outbox retry; the events are published again when their claim ends',
    );
  }
}

/** A claimed event with its payload, parsed once. */
interface Claimed {
  event: OutboxEvent;
  payload: unknown;
}

/** The claimed events grouped by the lead they are about (in claim order within each group). */
function bySubject(events: OutboxEvent[]): Map<string, Claimed[]> {
  const chains = new Map<string, Claimed[]>();
  for (const event of events) {
    const payload = JSON.parse(event.payload) as { leadId?: unknown };
    const subject = typeof payload.leadId === 'string' ? payload.leadId : event.id;
    chains.set(subject, [...(chains.get(subject) ?? []), { event, payload }]);
  }
  return chains;
}
