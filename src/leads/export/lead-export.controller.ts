import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditService } from '../../audit/audit.service';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { followUpFilters } from '../assignment/follow-up-filters';
import { ListLeadsQueryDto } from '../dto/lead.dto';
import { toLeadQuery } from '../dto/to-lead-query';
import type { Lead } from '../lead.entity';
import { ApiLeadExport } from './lead-export.swagger';
import { CSV_COLUMNS, safeCell } from './csv-columns';
import { LeadExportService } from './lead-export.service';

/** Before GET /leads/:id in the module's controller list, so `export.csv` is not taken for an id. */
@ApiTags('leads')
@Controller('leads')
export class LeadExportController {
  private readonly logger = new Logger('LeadExport');

  constructor(
    private readonly exports: LeadExportService,
    private readonly audit: AuditService,
  ) {}

  @Get('export.csv')
  @Scopes('leads:read')
  @ApiLeadExport()
  async export(
    @Query() query: ListLeadsQueryDto,
    @CurrentUser() user: AuthUser,
    @Res() res: Response,
  ): Promise<void> {
    // Recorded before the first byte leaves: an export cut short has still disclosed data.
    await this.audit.record({ actor: user, action: 'leads.exported' });
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="leads-${day}.csv"`);
    // The byte-order mark makes spreadsheet apps read the file as UTF-8 (names with accents).
    res.write('\uFEFF');
    const filters = { ...toLeadQuery(query), ...followUpFilters(query, user) };
    const rows = Readable.from(toRows(this.exports.matching(filters)));
    const csv = stringify({ header: true, columns: CSV_COLUMNS.map((c) => c.header) });
    try {
      await pipeline(rows, csv, res);
    } catch (error) {
      // Headers are gone: the client sees a truncated download; the log says why.
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'Lead export stopped before the end',
      );
      res.destroy();
    }
  }
}

async function* toRows(leads: AsyncIterable<Lead>): AsyncGenerator<string[]> {
  for await (const lead of leads) yield CSV_COLUMNS.map((c) => safeCell(c.value(lead)));
}
