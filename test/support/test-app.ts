import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './postgres';
import { SmtpSink } from './smtp-sink';

export const ADMIN = { email: 'admin@firm.test', password: 'admin-password-for-tests' };
export const JWT_SECRET = 'e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface TestApp {
  app: NestExpressApplication;
  http: () => TestAgent;
  smtp: SmtpSink;
  dir: string;
  tokenFor(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule through app.setup.ts on a fresh database — a temporary SQLite file, or
 * with DB_TYPE=postgres a new PostgreSQL database dropped again on close — with a real SMTP sink
 * on 127.0.0.1. `env` overrides any variable for this app.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'lead-intake-e2e-'));
  const smtp = await new SmtpSink().start();
  const pg = usingPostgres() ? await createTestDatabase() : undefined;
  Object.assign(process.env, testEnv(dir, smtp, pg?.url), env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>(APP_OPTIONS));
  await app.init();
  const server = app.getHttpServer() as App;

  const tokenFor = async (email: string, password: string): Promise<string> => {
    const res = await request(server)
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: email, password });
    if (res.status !== 200)
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { access_token: string }).access_token;
  };

  return {
    app,
    http: () => request(server),
    smtp,
    dir,
    tokenFor,
    adminToken: () => tokenFor(ADMIN.email, ADMIN.password),
    close: async () => {
      await app.close();
      await smtp.stop();
      if (pg) await dropTestDatabase(pg.name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment every test app starts from; also used for service processes spawned by tests. */
export function testEnv(dir: string, smtp: SmtpSink, databaseUrl?: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DB_TYPE: databaseUrl ? 'postgres' : 'sqlite',
    DB_PATH: join(dir, 'leads.sqlite'),
    DATABASE_URL: databaseUrl ?? '',
    MAIL_DIR: join(dir, 'mail'),
    SMTP_URL: smtp.url,
    // The start-up SMTP check would add a connection (and login) to every spec's sink; it is
    // tested on its own in startup.e2e-spec.ts.
    SMTP_VERIFY_TIMEOUT_MS: '0',
    JWT_SECRET,
    JWT_EXPIRES_IN: '15m',
    BCRYPT_COST: '4',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ATTORNEY_NOTIFY_EMAIL: 'intake@firm.test',
    PUBLIC_BASE_URL: 'http://leads.firm.test',
    // Rate limits are tested on their own (rate-limits.e2e-spec.ts); elsewhere they stay out of the way.
    THROTTLE_LEADS_PER_MINUTE: '100000',
    THROTTLE_LEADS_PER_DAY: '1000000',
    THROTTLE_LOGIN_FAILURES_PER_MINUTE: '100000',
    TRUST_PROXY: 'false',
    // Fast delivery loops so tests wait milliseconds, not seconds, for mail.
    OUTBOX_POLL_MS: '50',
    MAIL_RETRY_BASE_MS: '100',
    MAIL_RETRY_MAX_MS: '1000',
  };
}

/** The keys of the public view of a lead (POST /leads and its replay), sorted. */
export const PUBLIC_LEAD_KEYS = [
  'created_at',
  'email',
  'first_name',
  'id',
  'last_name',
  'reference',
  'resume',
  'state',
];

export const validLead = (overrides: Record<string, unknown> = {}) => ({
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: `ada+${Math.random().toString(36).slice(2)}@example.com`,
  resume: 'https://files.example.com/cv/ada.pdf',
  ...overrides,
});
