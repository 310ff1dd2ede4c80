import { BadRequestException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { EdgeConfig } from '../../config/configuration';
import { isUniqueViolation } from '../../database/db-errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { Lead } from '../lead.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotencyService } from './idempotency.service';
import { inMemoryDatabase } from '../../../test/support/in-memory-database';

const TTL_MS = 24 * 3600 * 1000;
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

describe('IdempotencyService', () => {
  let ds: DataSource;
  let keys: Repository<IdempotencyKey>;
  let service: IdempotencyService;
  let tx: TransactionRunner;
  let leadId: string;

  beforeEach(async () => {
    ds = await inMemoryDatabase();
    keys = ds.getRepository(IdempotencyKey);
    tx = new TransactionRunner(ds);
    service = new IdempotencyService(keys, { idempotencyTtlMs: TTL_MS } as EdgeConfig, tx);
    leadId = uuidv7();
    const now = new Date();
    await ds.getRepository(Lead).insert({
      id: leadId,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      resumeUrl: 'https://files.example.com/ada.pdf',
      state: 'PENDING',
      createdAt: now,
      updatedAt: now,
    });
  });
  afterEach(() => ds.destroy());

  /** A key row written `ageMs` ago. */
  const storedKey = (key: string, ageMs: number, requestHash = HASH) =>
    keys.insert({ key, requestHash, leadId, createdAt: new Date(Date.now() - ageMs) });

  describe('parseKey', () => {
    it('takes no header as no key', () => {
      expect(service.parseKey(undefined)).toBeUndefined();
    });

    it.each([
      ['one character', '!'],
      ['255 printable ASCII characters', `${'~'.repeat(254)}!`],
      ['a UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ])('accepts %s as it is', (_what, key) => {
      expect(service.parseKey(key)).toBe(key);
    });

    it.each([
      ['an empty value', ''],
      ['256 characters', 'k'.repeat(256)],
      ['a space', 'two words'],
      ['a DEL character', 'key\x7f'],
      ['a control character', 'key\x1f'],
      ['a non-ASCII letter', 'clé'],
    ])('refuses %s with 400', (_what, key) => {
      expect(() => service.parseKey(key)).toThrow(BadRequestException);
    });

    it('refuses the header sent twice with 400', () => {
      expect(() => service.parseKey(['one', 'two'])).toThrow(
        'Idempotency-Key must be one value of 1-255 printable ASCII characters',
      );
    });
  });

  describe('lookup and remember', () => {
    it('knows no lead for a key never used', async () => {
      await expect(service.lookup('fresh-key', HASH)).resolves.toBeNull();
    });

    it('returns the lead a remembered key made, for the same request', async () => {
      await ds.transaction((em) => service.remember(em, 'k-1', HASH, leadId));
      await expect(service.lookup('k-1', HASH)).resolves.toBe(leadId);
    });

    it('refuses the same live key with a different request with 422', async () => {
      await storedKey('k-2', 60_000);
      await expect(service.lookup('k-2', OTHER_HASH)).rejects.toThrow(UnprocessableEntityException);
    });

    it('forgets a key past its time to live, whatever the request', async () => {
      await storedKey('k-old', TTL_MS + 60_000);
      await expect(service.lookup('k-old', HASH)).resolves.toBeNull();
      await expect(service.lookup('k-old', OTHER_HASH)).resolves.toBeNull();
    });

    it('still knows a key just inside its time to live', async () => {
      await storedKey('k-young', TTL_MS - 60_000);
      await expect(service.lookup('k-young', HASH)).resolves.toBe(leadId);
    });

    it('lets an expired key be used again for a new lead', async () => {
      await storedKey('k-reused', TTL_MS + 60_000, OTHER_HASH);
      await ds.transaction((em) => service.remember(em, 'k-reused', HASH, leadId));
      const row = await keys.findOneByOrFail({ key: 'k-reused' });
      expect(row.requestHash).toBe(HASH);
      expect(Date.now() - row.createdAt.getTime()).toBeLessThan(60_000);
    });

    it('fails on the primary key when a racing twin remembered the live key first', async () => {
      await storedKey('k-twin', 1000);
      const error: unknown = await ds
        .transaction((em) => service.remember(em, 'k-twin', HASH, leadId))
        .catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
    });
  });

  it('purges only the keys past their time to live', async () => {
    await storedKey('expired', TTL_MS + 60_000);
    await storedKey('live', TTL_MS - 60_000);
    await service.purgeExpired();
    expect((await keys.find()).map((k) => k.key)).toEqual(['live']);
  });

  // Bug killed: a bare repository DELETE ran on SQLite's one connection inside the transaction
  // that happened to be open there, and was undone when that transaction rolled back.
  it('keeps its purge when a request transaction open at the same time rolls back', async () => {
    await storedKey('expired', TTL_MS + 60_000);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const failing = tx.run(async (em) => {
      await em.query('SELECT 1');
      opened();
      await held;
      throw new Error('request failed');
    });
    await open;
    const purge = service.purgeExpired();
    // Let the purge reach the connection before the request's transaction ends.
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await expect(failing).rejects.toThrow('request failed');
    await purge;
    expect(await keys.findOneBy({ key: 'expired' })).toBeNull();
  });
});
