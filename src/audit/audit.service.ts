import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AuthUser } from '../common/decorators/current-user.decorator';
import { insertRows } from '../database/insert-rows';
import { TransactionRunner } from '../database/transaction-runner';
import type { AuditAction } from './audit-actions';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  /** Who; undefined or null for the service itself (the retention job). */
  actor?: AuthUser | null;
  action: AuditAction;
  leadId?: string | null;
  targetId?: string | null;
}

export interface AuditFilter {
  leadId?: string;
  userId?: string;
  action?: string;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>,
    private readonly tx: TransactionRunner,
  ) {}

  /** Records an entry, in the caller's transaction when one is given. */
  async record(entry: AuditEntry, em?: EntityManager): Promise<void> {
    const row: AuditEvent = {
      id: uuidv7(),
      at: new Date(),
      actorUserId: entry.actor?.id ?? null,
      actorApiKeyId: entry.actor?.apiKeyId ?? null,
      action: entry.action,
      leadId: entry.leadId ?? null,
      targetId: entry.targetId ?? null,
    };
    if (em) await insertRows(em, AuditEvent, row).execute();
    else await this.tx.run((m) => insertRows(m, AuditEvent, row).execute());
  }

  list(
    filter: AuditFilter,
    page: { limit: number; offset: number },
  ): Promise<[AuditEvent[], number]> {
    return this.events.findAndCount({
      where: {
        ...(filter.leadId ? { leadId: filter.leadId } : {}),
        ...(filter.userId ? { actorUserId: filter.userId } : {}),
        ...(filter.action ? { action: filter.action } : {}),
      },
      order: { at: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }
}
