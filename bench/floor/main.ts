/**
 * The framework floor (bench scenario 8): the least a NestJS 11 + TypeORM 0.3 app can do for
 * POST /leads. The service's own CreateLeadDto under a ValidationPipe with the service's options,
 * then ONE insert into the same `leads` table through the service's connection settings
 * (buildDataSourceOptions: the same driver, WAL and busy timeout on SQLite, pool on PostgreSQL).
 * No auth, throttle, helmet, logging, idempotency, multipart, transaction or outbox row.
 */
import 'reflect-metadata';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Module,
  Post,
  Res,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { CreateLeadDto } from '../../src/leads/dto/lead.dto';
import { FloorLead } from './floor-lead.entity';

const env = process.env;
const connection = buildDataSourceOptions({
  type: env.DB_TYPE === 'postgres' ? 'postgres' : 'sqlite',
  path: env.DB_PATH ?? 'leads.sqlite',
  url: env.DATABASE_URL,
  host: '127.0.0.1',
  port: 5432,
  username: 'postgres',
  password: '',
  database: 'leads',
  poolSize: 10,
  statementTimeoutMs: 10_000,
  busyTimeoutMs: 5_000,
});

@Controller()
class FloorController {
  constructor(@InjectRepository(FloorLead) private readonly leads: Repository<FloorLead>) {}

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Post('leads')
  async create(@Body() body: CreateLeadDto, @Res({ passthrough: true }) res: Response) {
    // The DTO leaves resume optional for multipart; a JSON submit must carry the URL.
    if (!body.resume) throw new BadRequestException(['resume is required']);
    const now = new Date();
    const lead: FloorLead = {
      id: uuidv7(),
      firstName: body.first_name,
      lastName: body.last_name,
      email: body.email,
      resumeUrl: body.resume,
      state: 'PENDING',
      createdAt: now,
      updatedAt: now,
    };
    await this.leads.insert(lead);
    res.location(`/leads/${lead.id}`);
    return {
      id: lead.id,
      first_name: lead.firstName,
      last_name: lead.lastName,
      email: lead.email,
      resume: { url: lead.resumeUrl },
      state: lead.state,
      created_at: now.toISOString(),
    };
  }
}

@Module({
  imports: [
    TypeOrmModule.forRoot({ ...connection, migrations: [], entities: [FloorLead] }),
    TypeOrmModule.forFeature([FloorLead]),
  ],
  controllers: [FloorController],
})
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(FloorModule, { logger: ['error', 'warn'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
    }),
  );
  await app.listen(Number(env.PORT ?? 3200), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
