import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  postgresIntruder,
  sqliteIntruder,
  type DatabaseIntruder,
} from './support/database-intruder';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';
import { freePort, ServiceProcess } from './support/service-process';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN, testEnv } from './support/test-app';
import { waitFor } from './support/wait-for';

/** What a prospect and an admin submit: none of it may appear in a log line. */
const PROSPECT = {
  first_name: 'Zenobia',
  last_name: 'Quarterfield',
  email: 'zenobia.quarterfield@private.example',
  resume: 'https://cv.example/zenobia-quarterfield-cv.pdf',
};
const NEW_USER = {
  email: 'octavia.pemberton@firm.example',
  name: 'Octavia Pemberton',
  password: 'octavia-long-passphrase',
  role: 'attorney',
};
const PERSONAL = [...Object.values(PROSPECT), NEW_USER.email, NEW_USER.name, NEW_USER.password];

interface LogLine {
  level: number;
  msg?: string;
  request_id?: string;
  err?: { type?: string; message?: string; stack?: string };
}

/**
 * The built service as its own process with LOG_LEVEL=info, so the test reads the very lines it
 * writes to stdout. Another connection to its database makes writes fail.
 */
describe('Error logs when a database write fails (e2e)', () => {
  const smtp = new SmtpSink();
  let dir: string;
  let db: { name: string; url: string } | undefined;
  let service: ServiceProcess;
  let intruder: DatabaseIntruder;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-logs-'));
    await smtp.start();
    db = usingPostgres() ? await createTestDatabase('lead_logs') : undefined;
    const env = testEnv(dir, smtp, db?.url);
    service = await new ServiceProcess(await freePort(), {
      ...env,
      LOG_LEVEL: 'info',
      // A blocked write fails within a moment instead of after the 5 s / 10 s defaults.
      DB_BUSY_TIMEOUT_MS: '100',
      DB_STATEMENT_TIMEOUT_MS: '1000',
    }).start();
    token = await service.token(ADMIN.email, ADMIN.password);
    intruder = db ? await postgresIntruder(db.url) : await sqliteIntruder(env.DB_PATH);
  }, 60_000);

  afterAll(async () => {
    await intruder?.close();
    await service?.stop();
    await smtp.stop();
    if (db) await dropTestDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (path: string, body: object, auth = false) => {
    const res = await fetch(`${service.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(auth ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

  const logText = () => service.output.join('');
  const logLines = (): LogLine[] =>
    logText()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);

  /** The 'Unhandled error' line the exception filter wrote for this request. */
  const errorLineFor = (requestId: string) =>
    waitFor(
      () => logLines().find((l) => l.request_id === requestId && l.msg === 'Unhandled error'),
      { what: `the error log line of request ${requestId}` },
    );

  /** Both writes fail with a 500 that carries a request id and nothing else. */
  async function submitBoth(): Promise<Array<{ requestId: string }>> {
    const lead = await post('/leads', PROSPECT);
    const user = await post('/users', NEW_USER, true);
    return [lead, user].map((res) => {
      expect(res.status).toBe(500);
      const requestId = res.headers.get('x-request-id') ?? '';
      expect(requestId).not.toBe('');
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
        request_id: requestId,
      });
      return { requestId };
    });
  }

  function expectNothingPersonalLogged(): void {
    const text = logText();
    for (const value of PERSONAL) expect(text).not.toContain(value);
    expect(text).not.toMatch(/\$2[abxy]?\$/);
  }

  it('answers writes blocked by another connection’s lock with a bare 500 and logs no personal data or hash', async () => {
    await intruder.lockWrites(['leads', 'users']);
    let failed: Array<{ requestId: string }>;
    try {
      failed = await submitBoth();
    } finally {
      await intruder.release();
    }
    for (const { requestId } of failed) {
      const line = await errorLineFor(requestId);
      expect(line.level).toBe(50);
      expect(line.err?.type).toBe('QueryFailedError');
      expect(line.err?.message).toMatch(/database is locked|SQLITE_BUSY|statement timeout/i);
    }
    expectNothingPersonalLogged();
    // The lock gone, the same writes go through: nothing was left half-done.
    expect((await post('/leads', PROSPECT)).status).toBe(201);
  });

  it('logs an INSERT the database refuses without the values bound to it', async () => {
    const before = logText().length;
    await intruder.refuseInserts(['leads', 'users']);
    let failed: Array<{ requestId: string }>;
    try {
      failed = await submitBoth();
    } finally {
      await intruder.allowInserts(['leads', 'users']);
    }
    for (const { requestId } of failed) {
      const line = await errorLineFor(requestId);
      expect(line.err).toMatchObject({ type: 'QueryFailedError' });
      expect(line.err?.message).toContain('forced failure');
      expect(line.err?.stack).toContain('forced failure');
    }
    expect(logText().length).toBeGreaterThan(before);
    expectNothingPersonalLogged();
  });
});
