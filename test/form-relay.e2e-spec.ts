import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Lead } from '../src/leads/lead.entity';
import { NOTIFICATION_KINDS } from '../src/mail/notification-kinds';
import { NotificationsService } from '../src/notifications/notifications.service';
import { createTestDatabase, dropTestDatabase, usingPostgres } from './support/postgres';
import { freePort, ServiceProcess } from './support/service-process';
import { SmtpSink } from './support/smtp-sink';
import { ADMIN, startTestApp, testEnv, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

// The firm's name (BRAND_NAME; the tests' default) follows the contract's wording.
const ACKNOWLEDGEMENT = 'Thank you for your submission — Lead Intake';

interface Detail {
  id: string;
  notifications: Array<{ kind: string; recipient: string; status: string }>;
}

/**
 * The public form must not let anyone use the firm as a mail relay: at most three
 * acknowledgements per address and day, whatever the number of submits or instances (the text
 * rules that keep links out of the mails are in public-form-text.e2e-spec.ts).
 */
describe('Acknowledgements per address (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const detail = async (id: string): Promise<Detail> =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' })).body as Detail;

  /** Submits and waits until the lead's notifications are planned (its attorney notice exists). */
  async function submitAndPlan(fields: Record<string, unknown>): Promise<Detail> {
    const res = await t.http().post('/leads').send(validLead(fields));
    expect(res.status).toBe(201);
    const id = (res.body as { id: string }).id;
    return waitFor(
      async () => {
        const d = await detail(id);
        return d.notifications.some((n) => n.kind === 'attorney-notice') ? d : null;
      },
      { what: `the notifications of lead ${id}` },
    );
  }

  /** Once nothing is pending any more, every acknowledgement the address will get has arrived. */
  async function acknowledgementsTo(address: string): Promise<number> {
    await waitFor(
      async () =>
        (
          await t
            .http()
            .get('/notifications?status=pending&limit=1')
            .auth(admin, { type: 'bearer' })
        ).headers['x-total-count'] === '0',
      { what: 'no pending notification' },
    );
    return t.smtp.to(address).filter((m) => m.subject === ACKNOWLEDGEMENT).length;
  }

  describe('acknowledgements per address', () => {
    it('thanks an address three times in 24 h; later leads are stored and reach the attorneys', async () => {
      const email = 'often@relay.example';
      const leads: Detail[] = [];
      for (let i = 1; i <= 5; i++) {
        // The address arrives in any case; it is stored (and counted) lower-cased.
        const given = i === 4 ? email.toUpperCase() : email;
        leads.push(await submitAndPlan({ first_name: `Often${i}`, email: given }));
      }
      const acknowledged = leads.map((l) =>
        l.notifications.some((n) => n.kind === 'lead-acknowledgement'),
      );
      expect(acknowledged).toEqual([true, true, true, false, false]);
      for (const lead of leads) {
        expect(lead.notifications.filter((n) => n.kind === 'attorney-notice')).toHaveLength(1);
      }
      expect(await acknowledgementsTo(email)).toBe(3);
      for (let i = 1; i <= 5; i++) {
        // The first lead is new; the later ones are the same person returning (issue 14).
        const headline = i === 1 ? 'New lead' : 'Returning prospect';
        await waitFor(() =>
          t.smtp.messages.find((m) => m.subject === `${headline}: Often${i} Lovelace`),
        );
      }
    });

    it('does not let one address use up another’s acknowledgements', async () => {
      for (let i = 0; i < 4; i++) await submitAndPlan({ email: 'busy@relay.example' });
      await submitAndPlan({ email: 'calm@relay.example' });
      expect(await acknowledgementsTo('calm@relay.example')).toBe(1);
    });

    it('plans three acknowledgements when ten leads of one address are planned at the same moment', async () => {
      // What several instances' relays do at once, without the relays' timing: ten plans on
      // parallel connections (PostgreSQL) racing to count and insert.
      const recipient = 'race@relay.example';
      const ds = t.app.get(DataSource);
      const now = new Date();
      const ids = Array.from({ length: 10 }, () => uuidv7());
      await ds
        .createQueryBuilder()
        .insert()
        .into(Lead)
        .values(
          ids.map((id) => ({
            id,
            firstName: 'Race',
            lastName: 'Condition',
            email: recipient,
            resumeUrl: 'https://files.example/cv.pdf',
            state: 'PENDING' as const,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute();
      const notifications = t.app.get(NotificationsService);
      const message = {
        kind: 'lead-acknowledgement',
        recipient,
        cap: NOTIFICATION_KINDS['lead-acknowledgement'].cap,
      };
      const skipped = await Promise.all(
        ids.map((id) => notifications.plan(id, 'email', [message])),
      );
      expect(skipped.filter((s) => s.length === 0)).toHaveLength(3);
      expect(await acknowledgementsTo(recipient)).toBe(3);
    });

    it('thanks the address again once its acknowledgements are more than 24 h old', async () => {
      const email = 'yesterday@relay.example';
      for (let i = 0; i < 3; i++) await submitAndPlan({ email });
      expect((await submitAndPlan({ email })).notifications.map((n) => n.kind)).toEqual([
        'attorney-notice',
      ]);
      // Move the three acknowledgements a little over a day into the past.
      const old = new Date(Date.now() - 24 * 3600 * 1000 - 60_000);
      await t.app
        .get(DataSource)
        .createQueryBuilder()
        .update('notifications')
        .set({ createdAt: old })
        .where('recipient = :email', { email })
        .execute();
      const next = await submitAndPlan({ email });
      expect(next.notifications.map((n) => n.kind).sort()).toEqual([
        'attorney-notice',
        'lead-acknowledgement',
      ]);
      expect(await acknowledgementsTo(email)).toBe(4);
    });
  });
});

describe('Acknowledgements per address across two instances (e2e)', () => {
  const smtp = new SmtpSink();
  let dir: string;
  let db: { name: string; url: string } | undefined;
  const instances: ServiceProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lead-intake-relay-'));
    await smtp.start();
    db = usingPostgres() ? await createTestDatabase('lead_relay') : undefined;
    const env = testEnv(dir, smtp, db?.url);
    // One after the other: the first migrates the empty database (SQLite has no migration lock).
    for (let i = 0; i < 2; i++) {
      instances.push(await new ServiceProcess(await freePort(), env).start());
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await smtp.stop();
    if (db) await dropTestDatabase(db.name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends three acknowledgements for ten simultaneous submits of one address split over both', async () => {
    const email = 'burst@relay.example';
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await fetch(`${instances[i % 2].baseUrl}/leads`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(validLead({ first_name: `Burst${i}`, email })),
        });
        return res.status;
      }),
    );
    expect(statuses).toEqual(Array(10).fill(201));
    const notices = () =>
      smtp.messages.filter((m) => /^(New lead|Returning prospect): Burst/.test(m.subject));
    await waitFor(() => notices().length === 10, {
      timeoutMs: 15_000,
      what: 'ten attorney notices',
    });
    // One person, two instances: exactly one first lead, the nine others link to it (issue 14).
    expect(notices().filter((m) => m.subject.startsWith('New lead:'))).toHaveLength(1);
    const token = await instances[0].token(ADMIN.email, ADMIN.password);
    await waitFor(async () => {
      const res = await fetch(`${instances[1].baseUrl}/notifications?status=pending&limit=1`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return res.headers.get('x-total-count') === '0';
    });
    expect(smtp.to(email).filter((m) => m.subject === ACKNOWLEDGEMENT)).toHaveLength(3);
  });
});
