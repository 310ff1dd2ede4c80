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
          ? {
              url: mail.smtpUrl,
              // STARTTLS or nothing: credentials and mail never cross the network in the clear.
              requireTLS: mail.smtpRequireTls,
              pool: true,
              maxConnections: 4,
              // Fail fast when SMTP is unreachable rather than hold a connection for minutes.
              connectionTimeout: 10_000,
              greetingTimeout: 10_000,
              socketTimeout: 30_000,
            }
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
  ],
})
export class MailModule {}
