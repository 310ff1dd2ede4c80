import {
  BadRequestException,
  Inject,
  Injectable,
  OnModuleDestroy,
  OnModuleInit,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, Repository } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { TransactionRunner } from '../../database/transaction-runner';
import { edgeConfig, type EdgeConfig } from '../../config/configuration';
import { IdempotencyKey } from './idempotency-key.entity';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Remembers Idempotency-Key headers on POST /leads for a day, so a double-clicked or retried
 * submit returns the lead it already made instead of making (and emailing) a second one.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(IdempotencyKey) private readonly keys: Repository<IdempotencyKey>,
    @Inject(edgeConfig.KEY) private readonly edge: EdgeConfig,
    private readonly tx: TransactionRunner,
  ) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(
      () => void this.purgeExpired().catch(() => undefined),
      PURGE_EVERY_MS,
    );
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  /** Validates the header value; undefined when the client sent none. */
  parseKey(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    if (Array.isArray(header) || !KEY_FORMAT.test(header)) {
      throw new BadRequestException(
        'Idempotency-Key must be one value of 1-255 printable ASCII characters',
      );
    }
    return header;
  }

  /**
   * The lead a live key already made, or null for a new key. The same key with a different
   * request is a client bug, answered 422.
   */
  async lookup(key: string, requestHash: string): Promise<string | null> {
    const found = await this.keys.findOneBy({ key });
    if (!found || this.expired(found)) return null;
    if (found.requestHash !== requestHash) {
      throw new UnprocessableEntityException(
        'This Idempotency-Key was already used with a different request',
      );
    }
    return found.leadId;
  }

  /** Records the key inside the lead's transaction; a racing twin fails on the primary key. */
  async remember(
    em: EntityManager,
    key: string,
    requestHash: string,
    leadId: string,
  ): Promise<void> {
    await em.delete(IdempotencyKey, { key, createdAt: LessThan(this.cutoff()) });
    await insertRows(em, IdempotencyKey, {
      key,
      requestHash,
      leadId,
      createdAt: new Date(),
    }).execute();
  }

  async purgeExpired(): Promise<void> {
    // Through the runner like every write: on SQLite a bare DELETE would run on the one shared
    // connection inside whatever transaction is open there, and vanish if that one rolls back.
    const cutoff = this.cutoff();
    await this.tx.run((em) => em.delete(IdempotencyKey, { createdAt: LessThan(cutoff) }));
  }

  private expired(row: IdempotencyKey): boolean {
    return row.createdAt < this.cutoff();
  }

  private cutoff(): Date {
    return new Date(Date.now() - this.edge.idempotencyTtlMs);
  }
}
