import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { InfrastructureModule } from './config/infrastructure.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LeadsModule } from './leads/leads.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReportsModule } from './reports/reports.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    InfrastructureModule,
    DatabaseModule,
    MetricsModule,
    AuditModule,
    UsersModule,
    AuthModule,
    LeadsModule,
    MailModule,
    ReportsModule,
    WebhooksModule,
    HealthModule,
    WebModule,
  ],
})
export class AppModule {}
