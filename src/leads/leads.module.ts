import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { memoryStorage } from 'multer';
import { edgeConfig, type EdgeConfig } from '../config/configuration';
import { NotificationsModule } from '../notifications/notifications.module';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { OutboxModule } from '../outbox/outbox.module';
import { FormSubmitModule } from '../web/form-submit/form-submit.module';
import { ScheduledJob } from '../jobs/scheduled-job.entity';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { IdempotencyService } from './idempotency/idempotency.service';
import { LeadErasureController } from './erasure/lead-erasure.controller';
import { LeadErasureService } from './erasure/lead-erasure.service';
import { RetentionJob } from './erasure/retention.job';
import { LeadExportController } from './export/lead-export.controller';
import { LeadExportService } from './export/lead-export.service';
import { LeadStateChange } from './lead-state-change.entity';
import { LeadSubmissionGuard } from './lead-submission.guard';
import { LeadSubmitThrottleGuard } from './lead-submit-throttle.guard';
import { Lead } from './lead.entity';
import { LeadsController } from './leads.controller';
import { LeadsService } from './leads.service';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { LeadAssigner } from './assignment/lead-assigner.service';
import { LeadFollowUps } from './follow-up/lead-follow-ups.service';
import { LeadAssignment } from './assignment/lead-assignment.entity';
import { LeadAssignmentController } from './assignment/lead-assignment.controller';
import { LeadResume } from './resume/lead-resume.entity';
import { FormTokenService } from './triage/form-token.service';
import { LeadTriageController } from './triage/lead-triage.controller';
import { LeadTriage } from './triage/lead-triage.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Lead,
      LeadStateChange,
      LeadResume,
      IdempotencyKey,
      ScheduledJob,
      LeadAssignment,
    ]),
    FollowUpModule,
    OutboxModule,
    ConflictsModule,
    NotificationsModule,
    FormSubmitModule,
    MulterModule.registerAsync({
      inject: [edgeConfig.KEY],
      // In memory, but multer stops reading a file part at the limit (413) and drains the rest.
      useFactory: (edge: EdgeConfig) => ({
        storage: memoryStorage(),
        // Browsers send a file name's UTF-8 bytes raw in the part header; busboy would read them
        // as latin1 (`Résumé` became `RÃ©sumÃ©`).
        defParamCharset: 'utf8',
        // fields: the lead's 13 form fields with room to spare; fieldSize: a 2 000-character
        // message is up to 8 000 bytes of UTF-8 (plus its line ends).
        limits: {
          fileSize: edge.resumeMaxBytes,
          files: 1,
          fields: 16,
          fieldSize: 16 * 1024,
          parts: 17,
        },
      }),
    }),
  ],
  // Before LeadsController: /leads/form-token and /leads/export.csv must not be taken for /leads/:id.
  controllers: [
    LeadTriageController,
    LeadExportController,
    LeadsController,
    LeadErasureController,
    LeadAssignmentController,
  ],
  providers: [
    LeadsService,
    IdempotencyService,
    LeadSubmissionGuard,
    LeadSubmitThrottleGuard,
    LeadTriage,
    FormTokenService,
    LeadExportService,
    LeadErasureService,
    RetentionJob,
    LeadAssigner,
    LeadFollowUps,
  ],
  exports: [LeadsService, LeadFollowUps],
})
export class LeadsModule {}
