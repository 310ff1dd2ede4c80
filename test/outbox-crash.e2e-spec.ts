import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePostgres } from './support/describe-db';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';
import { freePort, ServiceProcess } from './support/service-process';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink';
import { ADMIN, testEnv, validLead } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Leases short enough that a crashed instance's claims are taken over within the test. */
const FAST_DELIVERY = { OUTBOX_POLL_MS: '50', OUTBOX_LEASE_MS: '1500', MAIL_RETRY_BASE_MS: '100' };

async function submit(service: ServiceProcess): Promise<{ id: string; email: string } | null> {
  try {
    const res = await fetch(`${service.baseUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(validLead()),
    });
    return res.status === 201 ? ((await res.json()) as { id: string; email: string }) : null;
  } catch {
    return null; // the process died under this request: no 201, no promise made
  }
}

/** Every lead's acknowledgement and attorney notice, keyed by Message-ID. */
function deliveriesFor(mail: ReceivedMail[], leads: { email: string }[]) {
  const expected = leads.flatMap((l) => [
    (m: ReceivedMail) => m.to.includes(l.email),
    (m: ReceivedMail) => m.to.includes('intake@firm.test') && m.text.includes(l.email),
  ]);
  return expected.map((matches) => mail.filter(matches));
}

describe('Outbox under crashes and several instances (e2e)', () => {
  let dir: string;
  const smtp = new SmtpSink();
  let db: { name: string; url: string } | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-crash-'));
    await smtp.start();
    if (usingPostgres()) db = await createTestDatabase('lead_crash');
  });
  afterAll(async () => {
    await smtp.stop();
    if (db) await dropTestDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers both notices of every 201 lead after a SIGKILL in the middle of 100 submits', async () => {
    const env = { ...testEnv(dir, smtp, db?.url), ...FAST_DELIVERY };
    const port = await freePort();
    const first = await new ServiceProcess(port, env).start();
    const accepted: { id: string; email: string }[] = [];
    let attempted = 0;
    // Five clients submit side by side; the process is killed once 40 leads are in.
    const killed = waitFor(() => accepted.length >= 40, { timeoutMs: 30_000 }).then(() =>
      first.kill(),
    );
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        while (attempted < 100) {
          attempted += 1;
          const lead = await submit(first);
          if (lead) accepted.push(lead);
        }
      }),
    );
    await killed;
    expect(accepted.length).toBeGreaterThanOrEqual(40);
    expect(accepted.length).toBeLessThan(100);

    const second = await new ServiceProcess(port, env).start();
    try {
      const token = await second.token(ADMIN.email, ADMIN.password);
      // No lead that got a 201 is missing from the database.
      for (const lead of accepted) {
        const res = await fetch(`${second.baseUrl}/leads/${lead.id}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
      }
      await waitFor(() => deliveriesFor(smtp.messages, accepted).every((d) => d.length > 0), {
        timeoutMs: 30_000,
        what: 'every notice of every accepted lead',
      });
      // Exactly once per message: a message accepted by SMTP in the instant before the kill may
      // be handed over again, but with the same Message-ID, which receivers deduplicate.
      for (const copies of deliveriesFor(smtp.messages, accepted)) {
        expect(new Set(copies.map((m) => m.messageId)).size).toBe(1);
      }
      const resent = deliveriesFor(smtp.messages, accepted).filter((d) => d.length > 1).length;
      expect(resent).toBeLessThanOrEqual(4); // at most the sends in flight at the kill
    } finally {
      await second.stop();
    }
  }, 120_000);

  describePostgres('on one PostgreSQL', () => {
    it('delivers each message of 200 leads exactly once with two instances sending', async () => {
      const env = { ...testEnv(dir, smtp, db!.url), ...FAST_DELIVERY, OUTBOX_LEASE_MS: '60000' };
      const instances = await Promise.all(
        [await freePort(), await freePort()].map((p) => new ServiceProcess(p, env).start()),
      );
      try {
        const before = smtp.messages.length;
        const leads: { id: string; email: string }[] = [];
        for (let i = 0; i < 200; i += 10) {
          const batch = await Promise.all(
            Array.from({ length: 10 }, (_, j) => submit(instances[(i + j) % 2])),
          );
          for (const lead of batch) {
            expect(lead).not.toBeNull();
            leads.push(lead!);
          }
        }
        await waitFor(() => smtp.messages.length - before >= 400, {
          timeoutMs: 60_000,
          what: '400 emails',
        });
        // Wait a little longer for any duplicate to show up: until both instances are idle.
        const token = await instances[0].token(ADMIN.email, ADMIN.password);
        await waitFor(async () => {
          const res = await fetch(`${instances[0].baseUrl}/notifications?status=pending&limit=1`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          return res.headers.get('x-total-count') === '0';
        });
        const received = smtp.messages.slice(before);
        expect(received).toHaveLength(400);
        expect(deliveriesFor(received, leads).every((d) => d.length === 1)).toBe(true);
      } finally {
        await Promise.all(instances.map((i) => i.stop()));
      }
    }, 120_000);
  });
});
