import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { InfrastructureModule } from './config/infrastructure.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LeadsModule } from './leads/leads.module';
import { MailModule } from './mail/mail.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    InfrastructureModule,
    DatabaseModule,
    UsersModule,
    AuthModule,
    LeadsModule,
    MailModule,
    HealthModule,
    WebModule,
  ],
})
export class AppModule {}
