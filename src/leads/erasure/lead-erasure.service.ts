import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ConflictMatcher } from '../../conflicts/conflict-matcher.service';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { Dialect } from '../../database/dialect';
import { TransactionRunner } from '../../database/transaction-runner';
import { NotificationsService } from '../../notifications/notifications.service';
import { OutboxService } from '../../outbox/outbox.service';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { Lead } from '../lead.entity';
import { LeadResume } from '../resume/lead-resume.entity';
import { ERASED, ERASED_LEAD_COLUMNS } from './erased-columns';
import { LeadErasingEvent } from './lead-erasing.event';

/**
 * Erases a lead's personal data and every copy of it the service keeps, in one transaction:
 * the lead's columns (ERASED_LEAD_COLUMNS), its uploaded CV, the idempotency fingerprint, its
 * conflict-check name keys, the
 * prospect's address on notifications, published outbox events about it, and (by event) other
 * features' copies. Then the database is asked to drop old page images (SQLite WAL).
 */
@Injectable()
export class LeadErasureService {
  private readonly logger = new Logger('LeadErasure');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly bus: EventEmitter2,
    private readonly conflicts: ConflictMatcher,
  ) {}

  /** Idempotent: erasing an erased lead changes nothing more (and is audited again). */
  async erase(id: string, actor: AuthUser | null): Promise<void> {
    await this.tx.run(async (em) => {
      const lead = await em.findOneBy(Lead, { id });
      if (!lead) throw new NotFoundException('Lead not found');
      if (!lead.erasedAt) {
        const now = new Date();
        await em.update(Lead, { id }, { ...ERASED_LEAD_COLUMNS, erasedAt: now, updatedAt: now });
        await em.delete(LeadResume, { leadId: id });
        await em.delete(IdempotencyKey, { leadId: id });
        // The conflict check's name keys of this lead are its names, folded.
        await this.conflicts.unindexLead(em, id);
        await this.notifications.eraseRecipient(em, id, lead.email, ERASED);
        await this.outbox.forgetPublished(em, id);
        await this.bus.emitAsync(LeadErasingEvent.name, new LeadErasingEvent(id, lead.email, em));
      }
      await this.audit.record({ actor, action: 'lead.erased', leadId: id }, em);
    });
    await this.dialect.afterErasure(this.dataSource).catch((error: unknown) =>
      // The data is gone from the tables; an old copy waits in the WAL until the next checkpoint.
      this.logger.warn(
        { leadId: id, err: error instanceof Error ? error.message : String(error) },
        `Checkpoint after erasing lead ${id} failed; SQLite will checkpoint later`,
      ),
    );
  }
}
