import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Scopes } from '../common/decorators/scopes.decorator';
import {
  IntakeReportQueryDto,
  IntakeReportResponse,
  toIntakeReportResponse,
} from './dto/intake-report.dto';
import { toReportRange } from './dto/to-report-range';
import { IntakeReportService } from './intake-report.service';
import { ApiIntakeReport } from './reports.swagger';

@ApiTags('reports')
// Every signed-in user is staff (admin or attorney): no @Roles(). API keys need leads:read.
@Controller('reports')
export class ReportsController {
  constructor(private readonly intake: IntakeReportService) {}

  @Get('intake')
  @Scopes('leads:read')
  @ApiIntakeReport()
  async intakeReport(@Query() query: IntakeReportQueryDto): Promise<IntakeReportResponse> {
    const asked = `${query.from ?? ''}/${query.to ?? ''}`;
    return toIntakeReportResponse(await this.intake.report(toReportRange(query), asked));
  }
}
