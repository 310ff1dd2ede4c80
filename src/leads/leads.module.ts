import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { memoryStorage } from 'multer';
import { edgeConfig, type EdgeConfig } from '../config/configuration';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { IdempotencyService } from './idempotency/idempotency.service';
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

@Module({
  imports: [
    TypeOrmModule.forFeature([Lead, LeadStateChange, LeadResume, IdempotencyKey, LeadAssignment]),
    FollowUpModule,
    OutboxModule,
    NotificationsModule,
    MulterModule.registerAsync({
      inject: [edgeConfig.KEY],
      // In memory, but multer stops reading a file part at the limit (413) and drains the rest.
      useFactory: (edge: EdgeConfig) => ({
        storage: memoryStorage(),
        // Browsers send a file name's UTF-8 bytes raw in the part header; busboy would read them
        // as latin1 (`Résumé` became `RÃ©sumÃ©`).
        defParamCharset: 'utf8',
        limits: { fileSize: edge.resumeMaxBytes, files: 1, fields: 8, fieldSize: 4096, parts: 9 },
      }),
    }),
  ],
  controllers: [LeadsController, LeadAssignmentController],
  providers: [
    LeadsService,
    IdempotencyService,
    LeadSubmissionGuard,
    LeadSubmitThrottleGuard,
    LeadAssigner,
    LeadFollowUps,
  ],
  exports: [LeadsService, LeadFollowUps],
})
export class LeadsModule {}
