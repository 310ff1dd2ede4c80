import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import type { ApiKeyScope } from '../common/decorators/scopes.decorator';
import { insertRows } from '../database/insert-rows';
import { TransactionRunner } from '../database/transaction-runner';
import { ApiKey } from './api-key.entity';

export const API_KEY_PREFIX = 'lik_';
/** `lik_` + 8 characters of the random part: enough to find the row, useless to an attacker. */
const LOOKUP_LENGTH = API_KEY_PREFIX.length + 8;
const KEY_FORMAT = /^lik_[\w-]{43}$/;
/** last_used_at is a hint for admins, not a log: one write per key per minute at most. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * SHA-256, not bcrypt: a key is 32 random bytes (256 bits), so nobody can guess it from its hash
 * by trying candidates, which is what a slow hash defends against for human-chosen passwords;
 * a fast hash keeps each request's check to microseconds.
 */
const hashOf = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface CreatedApiKey {
  row: ApiKey;
  key: string;
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly tx: TransactionRunner,
  ) {}

  static looksLikeKey(token: string): boolean {
    return token.startsWith(API_KEY_PREFIX);
  }

  async create(name: string, scopes: ApiKeyScope[], creatorId: string): Promise<CreatedApiKey> {
    const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    const row = this.keys.create({
      id: uuidv7(),
      name,
      prefix: key.slice(0, LOOKUP_LENGTH),
      keyHash: hashOf(key),
      scopes: [...scopes].sort().join(' '),
      createdById: creatorId,
      createdAt: new Date(),
      lastUsedAt: null,
    });
    await this.tx.run((em) => insertRows(em, ApiKey, row).execute());
    return { row, key };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Deleting the row revokes the key: every request looks the key up, nothing is cached. */
  async revoke(id: string): Promise<void> {
    const result = await this.tx.run((em) => em.delete(ApiKey, { id }));
    if (!result.affected) throw new NotFoundException('API key not found');
    this.lastUsedWritten.delete(id);
  }

  /** The principal a presented key stands for, or null (unknown, revoked, or its admin left). */
  async authenticate(presented: string): Promise<AuthUser | null> {
    if (!KEY_FORMAT.test(presented)) return null;
    const expected = Buffer.from(hashOf(presented), 'hex');
    const candidates = await this.keys.find({
      where: { prefix: presented.slice(0, LOOKUP_LENGTH) },
      relations: { createdBy: true },
    });
    const row = candidates.find((c) => timingSafeEqual(Buffer.from(c.keyHash, 'hex'), expected));
    const creator = row?.createdBy;
    if (!row || !creator?.active) return null;
    this.touch(row);
    return {
      id: creator.id,
      email: creator.email,
      name: creator.name,
      // Never more than an attorney, whatever the creator is; scopes decide what the key may do.
      role: 'attorney',
      apiKeyId: row.id,
      scopes: row.scopes.split(' '),
    };
  }

  private touch(row: ApiKey): void {
    const now = Date.now();
    const last = this.lastUsedWritten.get(row.id) ?? row.lastUsedAt?.getTime() ?? 0;
    if (now - last < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(row.id, now);
    // Not awaited: the request should not wait for a bookkeeping write.
    this.tx
      .run((em) => em.update(ApiKey, { id: row.id }, { lastUsedAt: new Date(now) }))
      .catch((error: unknown) =>
        this.logger.warn(
          { apiKeyId: row.id, err: error instanceof Error ? error.message : String(error) },
          `Could not record the use of API key ${row.id}`,
        ),
      );
  }
}
