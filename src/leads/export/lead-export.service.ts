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
   * Every lead matching the list filters, in the list's order (newest first unless `sort` says
   * otherwise), a page at a time. Keyset pages (after the last row's created_at and id) keep each
   * query on the index and never skip or repeat a row when leads arrive during the export, as
   * OFFSET pages would.
   */
  async *matching(filters: Omit<LeadQuery, 'limit' | 'offset'>): AsyncGenerator<Lead> {
    const direction = filters.sort === 'created_at' ? 'ASC' : 'DESC';
    const beyond = direction === 'ASC' ? '>' : '<';
    let after: Lead | undefined;
    for (;;) {
      const qb = this.leads
        .matchingWithRelations(filters)
        .orderBy('lead.createdAt', direction)
        .addOrderBy('lead.id', direction)
        .limit(this.pageSize);
      if (after) {
        const { createdAt, id } = after;
        qb.andWhere(
          new Brackets((w) =>
            w
              .where(`lead.createdAt ${beyond} :createdAt`, { createdAt })
              .orWhere(`lead.createdAt = :createdAt AND lead.id ${beyond} :id`, { createdAt, id }),
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
