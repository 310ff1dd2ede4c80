import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { insertRows } from '../database/insert-rows';
import { TransactionRunner } from '../database/transaction-runner';
import type { User } from '../users/user.entity';
import { AuthSession } from './auth-session.entity';

const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Expired sessions stay a day, so a late revoke or an audit still finds them. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

/** Sessions in the database, so a sign-out on one instance holds on all of them. */
@Injectable()
export class AuthSessionsService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
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

  async open(user: User, lifetimeSeconds: number): Promise<string> {
    const now = new Date();
    const id = uuidv7();
    await this.tx.run((em) =>
      insertRows(em, AuthSession, {
        id,
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
        revokedAt: null,
      }).execute(),
    );
    return id;
  }

  /** The live session `id` with its user, or null when it is unknown or revoked. */
  async active(id: string): Promise<(AuthSession & { user: User }) | null> {
    const session = await this.sessions.findOne({ where: { id }, relations: { user: true } });
    return session?.user && !session.revokedAt ? (session as AuthSession & { user: User }) : null;
  }

  async revoke(id: string): Promise<void> {
    await this.tx.run((em) =>
      em.update(AuthSession, { id, revokedAt: IsNull() }, { revokedAt: new Date() }),
    );
  }

  async purgeExpired(): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(new Date(Date.now() - KEEP_EXPIRED_MS)) });
  }
}
