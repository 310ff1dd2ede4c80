import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort } from './support/service-process';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** The log calls (each as one string of its arguments) that mention `text`. */
function callsMentioning(spy: jest.SpyInstance, text: string): string[] {
  return spy.mock.calls
    .map((args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '))
    .filter((line) => line.includes(text));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

describe('Mail with SMTP unreachable (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let errors: jest.SpyInstance;
  let warnings: jest.SpyInstance;

  beforeAll(async () => {
    // Nothing listens on this port: every connection attempt is refused.
    const closedPort = await freePort();
    t = await startTestApp({
      SMTP_URL: `smtp://127.0.0.1:${closedPort}`,
      MAIL_MAX_ATTEMPTS: '2',
    });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error');
    warnings = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers POST /leads with 201 at once, without waiting for mail', async () => {
    const started = Date.now();
    const res = await t.http().post('/leads').send(validLead());
    const elapsed = Date.now() - started;
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('PENDING');
    expect(elapsed).toBeLessThan(2000);
    const stored = await t.http().get(`/leads/${res.body.id}`).auth(admin, { type: 'bearer' });
    expect(stored.status).toBe(200);
  });

  it('logs each failed delivery with the lead id, retries, then logs an error when it gives up', async () => {
    const { body: lead } = await t.http().post('/leads').send(validLead());
    const [retry] = await waitFor(
      () => {
        const calls = callsMentioning(warnings, lead.id);
        return calls.length > 0 ? calls : null;
      },
      { what: `a retry warning for lead ${lead.id}` },
    );
    expect(retry).toMatch(/retrying/);
    const gaveUp = await waitFor(
      () => {
        const calls = callsMentioning(errors, lead.id);
        return calls.length >= 2 ? calls : null;
      },
      { timeoutMs: 10_000, what: `both give-up errors for lead ${lead.id}` },
    );
    for (const line of gaveUp) expect(line).toMatch(/ECONNREFUSED|connect/i);
    expect(gaveUp.join('\n')).toContain('lead-acknowledgement');
    expect(gaveUp.join('\n')).toContain('attorney-notice');
    // And the failure is recorded on the lead, for staff to see and retry.
    const detail = await t.http().get(`/leads/${lead.id}`).auth(admin, { type: 'bearer' });
    expect(detail.body.notifications).toHaveLength(2);
    for (const n of detail.body.notifications) {
      expect(n).toMatchObject({ status: 'failed', attempts: 2 });
      expect(n.last_error).toMatch(/ECONNREFUSED|connect/i);
    }
  });
});

describe('Mail with an SMTP server that accepts connections but never answers (e2e)', () => {
  let t: TestApp;
  const sockets = new Set<Socket>();
  // A black hole: TCP connects, the SMTP greeting never comes, so a send would hang until timeout.
  const blackHole = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as AddressInfo;
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t.close();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('answers POST /leads with 201 while the mail connection hangs', async () => {
    const started = Date.now();
    const res = await t.http().post('/leads').send(validLead());
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(2000);
    // The mailer really is stuck on the server, so the answer did not wait for it.
    await waitFor(() => sockets.size > 0, { what: 'a connection to the silent SMTP server' });
  });
});

describe('Mail without SMTP_URL: the development transport (e2e)', () => {
  let t: TestApp;
  let mailDir: string;

  beforeAll(async () => {
    t = await startTestApp({ SMTP_URL: '' });
    mailDir = join(t.dir, 'mail');
  });
  afterAll(() => t.close());

  const emlFilesOf = (leadId: string): string[] =>
    existsSync(mailDir)
      ? readdirSync(mailDir).filter((f) => f.endsWith('.eml') && f.includes(leadId))
      : [];

  it('writes both messages of a new lead as .eml files under MAIL_DIR and sends nothing', async () => {
    const lead = validLead({ first_name: 'Emmy', last_name: 'Noether' });
    const res = await t.http().post('/leads').send(lead);
    expect(res.status).toBe(201);
    // Messages appear whole (written under a temporary name, then renamed), so a listed .eml
    // file is complete: it is read once, not polled until it parses.
    const files = await waitFor(
      () => (emlFilesOf(res.body.id).length >= 2 ? emlFilesOf(res.body.id) : null),
      { what: `two .eml files for lead ${res.body.id}` },
    );
    expect(files).toHaveLength(2);
    const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(join(mailDir, f)))));
    const byRecipient = new Map(mails.map((m) => [(m.to as { text: string }).text, m]));
    expect(byRecipient.get(lead.email)?.subject).toBe(
      'Thank you for your submission — Lead Intake',
    );
    expect(byRecipient.get(lead.email)?.text).toContain('Emmy Noether');
    const notice = byRecipient.get('intake@firm.test');
    expect(notice?.subject).toBe('New lead: Emmy Noether');
    expect(notice?.text).toContain(`http://leads.firm.test/admin?lead=${res.body.id}`);
    expect(notice?.html).toContain(lead.email);
    expect(t.smtp.messages).toHaveLength(0);
    expect(readdirSync(mailDir).filter((f) => !f.endsWith('.eml'))).toEqual([]);
  });
});
