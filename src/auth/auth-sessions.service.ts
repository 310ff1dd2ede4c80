import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, LessThan, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { authConfig, type AuthConfig } from '../config/configuration';
import { insertRows } from '../database/insert-rows';
import { TransactionRunner } from '../database/transaction-runner';
import type { User } from '../users/user.entity';
import { AuthSession } from './auth-session.entity';

const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Ended sessions stay a day, so a late revoke or a reused refresh token is still recognised. */
const KEEP_ENDED_MS = 24 * 3600 * 1000;
const REFRESH_FORMAT = /^([0-9a-f-]{36})\.([\w-]{43})$/;

export interface OpenedSession {
  id: string;
  refreshToken: string;
}

/** Why a refresh token was refused (all answered `invalid_grant`). */
export type RefreshRefusal = 'unknown' | 'ended' | 'reused';

/**
 * Sessions in the database, so a sign-out on one instance holds on all of them. A refresh token
 * is `<session id>.<secret>`; only the secret's sha256 is stored, and each refresh replaces it
 * (RFC 6749 §10.4 rotation): a token used twice means it was copied, and ends the session.
 */
@Injectable()
export class AuthSessionsService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly tx: TransactionRunner,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(
      () => void this.purgeEnded().catch(() => undefined),
      PURGE_EVERY_MS,
    );
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  async open(user: User): Promise<OpenedSession> {
    const now = new Date();
    const id = uuidv7();
    const secret = newSecret();
    await this.tx.run((em) =>
      insertRows(em, AuthSession, {
        id,
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.auth.sessionMaxAgeSeconds * 1000),
        lastUsedAt: now,
        refreshHash: sha256(secret),
        revokedAt: null,
      }).execute(),
    );
    return { id, refreshToken: `${id}.${secret}` };
  }

  /** The live session `id` with its user, or null when it is unknown or revoked. */
  async active(id: string): Promise<(AuthSession & { user: User }) | null> {
    const session = await this.sessions.findOne({ where: { id }, relations: { user: true } });
    return session?.user && !session.revokedAt ? (session as AuthSession & { user: User }) : null;
  }

  /**
   * Exchanges a refresh token for the next one. Returns the session (with its user) and the new
   * token, or the reason for refusing. A token that was already used revokes the session.
   */
  async rotate(
    refreshToken: string,
  ): Promise<
    { session: AuthSession & { user: User }; refreshToken: string } | { refused: RefreshRefusal }
  > {
    const match = REFRESH_FORMAT.exec(refreshToken);
    if (!match) return { refused: 'unknown' };
    const [, id, secret] = match;
    const session = await this.active(id);
    if (!session) return { refused: 'unknown' };
    const now = new Date();
    const idleUntil = session.lastUsedAt.getTime() + this.auth.sessionIdleSeconds * 1000;
    if (session.expiresAt <= now || idleUntil <= now.getTime()) return { refused: 'ended' };
    const next = newSecret();
    // Conditional on the hash we were given: of two racing uses of one token, one wins.
    const result = await this.tx.run((em) =>
      em.update(
        AuthSession,
        { id, refreshHash: sha256(secret), revokedAt: IsNull() },
        { refreshHash: sha256(next), lastUsedAt: now },
      ),
    );
    if (result.affected !== 1) {
      await this.revoke(id);
      return { refused: 'reused' };
    }
    return { session, refreshToken: `${id}.${next}` };
  }

  async revoke(id: string): Promise<void> {
    await this.tx.run((em) =>
      em.update(AuthSession, { id, revokedAt: IsNull() }, { revokedAt: new Date() }),
    );
  }

  /** Revokes the session of a current refresh token (RFC 7009); anything else is ignored. */
  async revokeByRefreshToken(token: string): Promise<void> {
    const match = REFRESH_FORMAT.exec(token);
    if (!match) return;
    await this.tx.run((em) =>
      em.update(
        AuthSession,
        { id: match[1], refreshHash: sha256(match[2]), revokedAt: IsNull() },
        { revokedAt: new Date() },
      ),
    );
  }

  async purgeEnded(): Promise<void> {
    // Through the runner (see IdempotencyService.purgeExpired): never a bare write on SQLite.
    const cutoff = new Date(Date.now() - KEEP_ENDED_MS);
    await this.tx.run((em) => em.delete(AuthSession, { expiresAt: LessThan(cutoff) }));
  }
}

const newSecret = (): string => randomBytes(32).toString('base64url');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
