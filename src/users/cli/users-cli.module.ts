import { Module } from '@nestjs/common';
import { InfrastructureModule } from '../../config/infrastructure.module';
import { DatabaseModule } from '../../database/database.module';
import { UsersModule } from '../users.module';

/** Just enough of the app for the users CLI: config, database, users. No HTTP, no mail. */
@Module({ imports: [InfrastructureModule, DatabaseModule, UsersModule] })
export class UsersCliModule {}
