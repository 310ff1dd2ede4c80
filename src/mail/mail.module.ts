import { MailerModule, type MailerOptions } from '@nestjs-modules/mailer';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { mailConfig, type MailConfig } from '../config/configuration';
import { LeadsModule } from '../leads/leads.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { EmlPreviewTransport } from './eml-preview.transport';
import { LeadNotifier } from './lead-notifier.service';
import { LeadCreatedListener } from './listeners/lead-created.listener';
import { LeadAssignedListener } from './listeners/lead-assigned.listener';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { FollowUpScheduler } from './follow-up-scheduler.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { SmtpStartupCheck } from './smtp-startup-check.service';
import { smtpTransportOptions } from './smtp-transport';
import { handlebarsTemplates } from './template-renderer';

@Module({
  imports: [
    LeadsModule,
    UsersModule,
    NotificationsModule,
    FollowUpModule,
    MailerModule.forRootAsync({
      inject: [mailConfig.KEY],
      useFactory: (mail: MailConfig): MailerOptions => ({
        transport: mail.smtpUrl
          ? { ...smtpTransportOptions(mail), pool: true, maxConnections: 4 }
          : new EmlPreviewTransport(mail.previewDir),
        defaults: { from: mail.from } as MailerOptions['defaults'],
        plugins: [{ step: 'compile', plugin: handlebarsTemplates(join(__dirname, 'templates')) }],
      }),
    }),
  ],
  providers: [
    LeadNotifier,
    LeadCreatedListener,
    LeadAssignedListener,
    NotificationDispatcher,
    FollowUpScheduler,
    SmtpStartupCheck,
  ],
})
export class MailModule {}
