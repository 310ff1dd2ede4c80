import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';
import { freePort, ServiceProcess } from './support/service-process';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, testEnv, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface NotificationBody {
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/** Enough attempts that "retried" and "gave up" cannot be confused within a test. */
const PATIENT = { MAIL_MAX_ATTEMPTS: '50', MAIL_RETRY_BASE_MS: '50', MAIL_RETRY_MAX_MS: '200' };

/** An app whose mail goes to `sink` (with `credentials` in SMTP_URL when given). */
async function appSendingTo(
  sink: SmtpSink,
  env: Record<string, string> = {},
  credentials = 'intake:mail-password',
): Promise<{ t: TestApp; admin: string }> {
  const scheme = sink.secure ? 'smtps' : 'smtp';
  const t = await startTestApp({
    ...PATIENT,
    SMTP_URL: `${scheme}://${credentials}@127.0.0.1:${sink.portNumber}`,
    ...env,
  });
  return { t, admin: await t.adminToken() };
}

async function submit(t: TestApp, fields: Record<string, unknown> = {}) {
  const res = await t.http().post('/leads').send(validLead(fields));
  expect(res.status).toBe(201);
  return res.body as { id: string; email: string };
}

/** Polls the lead's acknowledgement until `done` says so. */
function acknowledgementOf(
  t: TestApp,
  admin: string,
  leadId: string,
  done: (n: NotificationBody) => boolean,
  what: string,
): Promise<NotificationBody> {
  return waitFor(
    async () => {
      const res = await t.http().get(`/leads/${leadId}`).auth(admin, { type: 'bearer' });
      const list = (res.body as { notifications: NotificationBody[] }).notifications ?? [];
      const ack = list.find((n) => n.kind === 'lead-acknowledgement');
      return ack && done(ack) ? ack : null;
    },
    { timeoutMs: 10_000, what },
  );
}

/** Retried at least twice, or settled: whichever comes first, so a wrong outcome shows at once. */
const retriedOrSettled = (n: NotificationBody) => n.attempts >= 2 || n.status !== 'pending';

describe('SMTP failures an operator can fix are retried (e2e)', () => {
  const sink = new SmtpSink({ auth: true });
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    await sink.start();
    ({ t, admin } = await appSendingTo(sink));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  afterEach(() => (sink.behaviour = {}));

  it('retries 535 (bad credentials) and delivers once the server takes the login', async () => {
    sink.behaviour = { rejectLogins: true };
    const lead = await submit(t);
    const refused = await acknowledgementOf(t, admin, lead.id, retriedOrSettled, 'two attempts');
    expect(refused.status).toBe('pending');
    expect(refused.last_error).toMatch(/535/);
    expect(refused.last_error).toMatch(/credentials in SMTP_URL/);
    sink.behaviour = {};
    await acknowledgementOf(t, admin, lead.id, (n) => n.status === 'sent', 'the delivery');
    expect(sink.to(lead.email)).toHaveLength(1);
  });

  it('fails a recipient refused for good (550 at RCPT TO) at once, without the address in last_error', async () => {
    const lead = await submit(t);
    sink.behaviour = { rejectRecipients: [lead.email] };
    const failed = await acknowledgementOf(
      t,
      admin,
      lead.id,
      (n) => n.status !== 'pending',
      'failure',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/550/);
    expect(failed.last_error).toContain('<address>');
    expect(failed.last_error).not.toContain(lead.email);
  });
});

describe('SMTP over TLS that cannot be trusted is retried (e2e)', () => {
  const sink = new SmtpSink({ secure: true });
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    await sink.start();
    ({ t, admin } = await appSendingTo(sink));
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('retries a self-signed certificate rather than failing the message', async () => {
    const lead = await submit(t);
    const refused = await acknowledgementOf(t, admin, lead.id, retriedOrSettled, 'two attempts');
    expect(refused.status).toBe('pending');
    expect(refused.last_error).toMatch(/certificate/i);
    expect(sink.messages).toHaveLength(0);
  });
});

describe('SMTP_REQUIRE_TLS (e2e)', () => {
  // Offers AUTH but no STARTTLS: credentials could only go in the clear.
  const sink = new SmtpSink({ auth: true });
  beforeAll(() => sink.start());
  afterAll(() => sink.stop());

  it('sends no credentials and no mail without STARTTLS, and keeps the message retryable', async () => {
    const { t, admin } = await appSendingTo(sink, { SMTP_REQUIRE_TLS: 'true' });
    try {
      const lead = await submit(t);
      const held = await acknowledgementOf(t, admin, lead.id, retriedOrSettled, 'two attempts');
      expect(held.status).toBe('pending');
      expect(held.last_error).toMatch(/STARTTLS/);
      expect(held.last_error).toMatch(/could not set up TLS/);
      expect(sink.logins).toEqual([]);
      expect(sink.messages).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('without it, logs in over the same plain connection (what the setting prevents)', async () => {
    const { t, admin } = await appSendingTo(sink, { SMTP_REQUIRE_TLS: 'false' });
    try {
      const lead = await submit(t);
      await acknowledgementOf(t, admin, lead.id, (n) => n.status === 'sent', 'the delivery');
      expect(sink.logins[0]).toEqual({ username: 'intake', secure: false });
    } finally {
      await t.close();
    }
  });
});

describe('SMTP refusals in the log (e2e)', () => {
  const sink = new SmtpSink();
  let dir: string;
  let db: { name: string; url: string } | undefined;
  let service: ServiceProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-smtp-log-'));
    await sink.start();
    db = usingPostgres() ? await createTestDatabase('lead_smtp_log') : undefined;
    service = await new ServiceProcess(await freePort(), {
      ...testEnv(dir, sink, db?.url),
      LOG_LEVEL: 'info',
    }).start();
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await sink.stop();
    if (db) await dropTestDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs a recipient’s rejection with the server’s reply but not the address', async () => {
    const email = 'refused.prospect@corp.example';
    sink.behaviour = { rejectRecipients: [email] };
    const res = await fetch(`${service.baseUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validLead({ email })),
    });
    expect(res.status).toBe(201);
    const line = await waitFor(
      () =>
        service.output
          .join('')
          .split('\n')
          .find((l) => l.includes('Gave up on lead-acknowledgement')),
      { timeoutMs: 10_000, what: 'the give-up log line' },
    );
    expect(line).toMatch(/550/);
    expect(line).toContain('<address>');
    expect(service.output.join('')).not.toContain(email);
  });
});
