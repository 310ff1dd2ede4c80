import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { describePostgres } from '../support/describe-db';
import { type InstancePair, startInstancePair } from '../support/instance-pair';
import { createTestDatabase, dropTestDatabase, usingPostgres } from '../support/postgres';
import { freePort, ServiceProcess } from '../support/service-process';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, testEnv, validLead } from '../support/test-app';
import {
  expectNoFollowUp,
  expectOneReminderAndEscalation,
  FAST_FOLLOW_UP,
  mailsOf,
  type NotificationRow,
  type ReadSchedule,
  scheduleReader,
} from './follow-up-support';

const ATTORNEY = { email: 'duty@firm.test', password: 'a-long-enough-password' };

/** A small HTTP client for built service processes. */
const api =
  (base: () => string, token?: string) =>
  async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base()}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

async function addAttorney(call: ReturnType<typeof api>, email = ATTORNEY.email): Promise<void> {
  const res = await call('/users', {
    method: 'POST',
    body: JSON.stringify({ email, name: 'On Duty', password: ATTORNEY.password, role: 'attorney' }),
  });
  expect(res.status).toBe(201);
}

describePostgres('Follow-up with two instances on PostgreSQL (e2e)', () => {
  let pair: InstancePair;
  let pg: Client;

  beforeAll(async () => {
    pair = await startInstancePair('followup', FAST_FOLLOW_UP);
    pg = new Client({ connectionString: pair.databaseUrl });
    await pg.connect();
  }, 60_000);
  afterAll(async () => {
    await pg?.end();
    await pair?.stop();
  });

  it('assigns concurrent leads fairly, and reminds and escalates each pending lead once', async () => {
    const token = await pair.instances[0].token(ADMIN.email, ADMIN.password);
    const on = (i: number) => api(() => pair.instances[i % 2].baseUrl, token);
    await addAttorney(on(0));
    await addAttorney(on(1), 'second-duty@firm.test');
    // Contacted at once, well inside its 3 s (before the burst below loads the machine).
    const contactedLead = await on(0)('/leads', {
      method: 'POST',
      body: JSON.stringify(validLead()),
    });
    const contacted = contactedLead.body.id as string;
    const moved = await on(1)(`/leads/${contacted}`, {
      method: 'PUT',
      body: JSON.stringify({ state: 'REACHED_OUT' }),
    });
    expect(moved.status).toBe(200);
    // Ten leads at once, through both instances: five each, whatever the interleaving.
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        on(i)('/leads', { method: 'POST', body: JSON.stringify(validLead()) }),
      ),
    );
    const ids = created.map((r) => r.body.id as string);
    const owners = await Promise.all(
      ids.map(
        async (id) => ((await on(1)(`/leads/${id}`)).body.assigned_to as { email: string }).email,
      ),
    );
    expect(owners.filter((o) => o === ATTORNEY.email)).toHaveLength(5);

    const read = async (id: string) =>
      (await on(0)(`/leads/${id}`)).body.notifications as NotificationRow[];
    const schedule = scheduleReader(async (sql, params) => (await pg.query(sql, params)).rows);
    for (const [i, id] of ids.entries()) {
      await expectOneReminderAndEscalation(pair.smtp, read, schedule, id, owners[i], [ADMIN.email]);
    }
    await expectNoFollowUp(pair.smtp, read, schedule, contacted);
  }, 90_000);
});

describe('Follow-up across a restart (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lead-intake-followup-restart-'));
  let smtp: SmtpSink;
  let service: ServiceProcess;
  let db: { name: string; url: string } | undefined;
  let schedule: ReadSchedule;
  let closeReader: () => Promise<void>;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    db = usingPostgres() ? await createTestDatabase('lead_followup_restart') : undefined;
    // Long enough that the service is down when the reminder falls due.
    const env = { ...testEnv(dir, smtp, db?.url), ...FAST_FOLLOW_UP, FOLLOW_UP_SLA: '6s' };
    // Assigned before it starts, so afterAll stops it even when it starts too slowly.
    service = new ServiceProcess(await freePort(), env);
    await service.start();
    const reader = new DataSource(
      db
        ? { type: 'postgres', url: db.url }
        : { type: 'sqlite', database: join(dir, 'leads.sqlite') },
    );
    await reader.initialize();
    closeReader = () => reader.destroy();
    schedule = scheduleReader((sql, params) =>
      reader.query(db ? sql : sql.replace('$1', '?'), params),
    );
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await closeReader?.();
    await smtp.stop();
    if (db) await dropTestDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the reminder and escalation once after the service was stopped before they were due', async () => {
    let token = await service.token(ADMIN.email, ADMIN.password);
    const call = () => api(() => service.baseUrl, token);
    await addAttorney(call());
    const res = await call()('/leads', { method: 'POST', body: JSON.stringify(validLead()) });
    const leadId = res.body.id as string;
    expect(await schedule(leadId)).toMatchObject({ stage: 'reminder' });
    await service.stop();
    // Stopped before the reminder was planned, let alone sent.
    expect(await schedule(leadId)).toMatchObject({ stage: 'reminder' });
    expect(mailsOf(smtp, leadId, 'follow-up-reminder')).toEqual([]);

    await service.start();
    token = await service.token(ADMIN.email, ADMIN.password);
    const read = async (id: string) =>
      (await call()(`/leads/${id}`)).body.notifications as NotificationRow[];
    await expectOneReminderAndEscalation(smtp, read, schedule, leadId, ATTORNEY.email, [
      ADMIN.email,
    ]);
  }, 90_000);
});
