import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import type { LeadQuery } from '../leads.service';
import { LeadsService } from '../leads.service';
import type { Lead } from '../lead.entity';

@Injectable()
export class LeadExportService {
  /** Rows per query: a page of leads in memory at a time, however many the export holds. */
  pageSize = 500;

  constructor(private readonly leads: LeadsService) {}

  /**
   * Every lead matching the list filters, newest first, a page at a time. Keyset pages (after
   * the last row's created_at and id) keep each query on the index and never skip or repeat a
   * row when leads arrive during the export, as OFFSET pages would.
   */
  async *matching(filters: Omit<LeadQuery, 'limit' | 'offset'>): AsyncGenerator<Lead> {
    let after: Lead | undefined;
    for (;;) {
      const qb = this.leads
        .matching(filters)
        .leftJoinAndSelect('lead.reachedOutBy', 'reachedOutBy')
        .leftJoinAndSelect('lead.assignedTo', 'assignedTo')
        .leftJoinAndSelect('lead.resumeFile', 'resumeFile')
        .orderBy('lead.createdAt', 'DESC')
        .addOrderBy('lead.id', 'DESC')
        .limit(this.pageSize);
      if (after) {
        const { createdAt, id } = after;
        qb.andWhere(
          new Brackets((w) =>
            w
              .where('lead.createdAt < :createdAt', { createdAt })
              .orWhere('lead.createdAt = :createdAt AND lead.id < :id', { createdAt, id }),
          ),
        );
      }
      const page = await qb.getMany();
      for (const lead of page) yield lead;
      if (page.length < this.pageSize) return;
      after = page[page.length - 1];
    }
  }
}
