import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { Lead } from '../lead.entity';
import type { FollowUpStage } from './follow-up-stage';

/** The leads whose next follow-up step is due, and moving them on (see follow-up-stage.ts). */
@Injectable()
export class LeadFollowUps {
  constructor(
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    private readonly tx: TransactionRunner,
  ) {}

  /** Ids of leads whose next step is due, earliest first (served by idx_leads_follow_up_next). */
  async due(limit: number, now = new Date()): Promise<string[]> {
    const rows = await this.leads
      .createQueryBuilder('lead')
      .select(['lead.id'])
      .where('lead.followUpNextAt <= :now', { now })
      .orderBy('lead.followUpNextAt', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => r.id);
  }

  /**
   * Moves a lead from step `from` to `next` (or to none). Conditional on `from`, so when two
   * instances handle the same step only one moves it; the other's planning was a no-op anyway
   * (a notification is unique per lead, kind and recipient).
   */
  async advance(
    leadId: string,
    from: FollowUpStage,
    next: { stage: FollowUpStage; at: Date } | null,
  ): Promise<boolean> {
    const result = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(Lead)
        .set({ followUpStage: next?.stage ?? null, followUpNextAt: next?.at ?? null })
        .where('id = :leadId AND follow_up_stage = :from', { leadId, from })
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }
}
