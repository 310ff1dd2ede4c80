import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { IntakeReportService } from './intake-report.service';

/** Read-only figures over the leads (it reads their tables; nothing imports it). */
@Module({
  controllers: [ReportsController],
  providers: [IntakeReportService],
})
export class ReportsModule {}
