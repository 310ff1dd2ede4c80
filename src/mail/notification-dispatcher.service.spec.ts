import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { DeliveryConfig } from '../config/configuration';
import { TransactionRunner } from '../database/transaction-runner';
import { Lead } from '../leads/lead.entity';
import type { LeadsService } from '../leads/leads.service';
import { Notification, pendingNotification } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import type { LeadNotifier, OutgoingMessage } from './lead-notifier.service';
import { NotificationDispatcher } from './notification-dispatcher.service';
import { inMemoryDatabase } from '../../test/support/in-memory-database';
import { waitFor } from '../../test/support/wait-for';

const DELIVERY: DeliveryConfig = {
  maxAttempts: 3,
  retryBaseMs: 60_000,
  retryMaxMs: 3_600_000,
  pollMs: 1000,
  leaseMs: 120_000,
};

/** What nodemailer rejects with when the server answers `code` (or drops the connection). */
const smtpError = (message: string, responseCode?: number, response?: string, command?: string) =>
  Object.assign(new Error(message), { responseCode, response, command });

/**
 * A stand-in for the SMTP side: each send takes the next planned outcome (undefined = accepted),
 * and the sends in flight at once are counted. The notifications themselves live in a real
 * (in-memory SQLite) database, claimed and settled by the real NotificationsService.
 */
class FakeNotifier {
  readonly sent: Array<{ leadId: string; message: OutgoingMessage; key: string }> = [];
  outcomes: Array<Error | string | undefined> = [];
  inFlight = 0;
  mostInFlight = 0;
  /** What stillWanted() answers: false as for a reminder about a lead contacted meanwhile. */
  wanted = true;
  /** When set, every send waits for it (a slow SMTP server). */
  gate?: Promise<void>;

  stillWanted(): boolean {
    return this.wanted;
  }

  async send(lead: Lead, message: OutgoingMessage, key: string): Promise<void> {
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      await this.gate;
      const outcome = this.outcomes.shift();
      // A string, too: describe() must cope with whatever a transport throws.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (outcome !== undefined) throw outcome;
      this.sent.push({ leadId: lead.id, message, key });
    } finally {
      this.inFlight -= 1;
    }
  }
}

describe('NotificationDispatcher', () => {
  let ds: DataSource;
  let rows: Repository<Notification>;
  let notifier: FakeNotifier;
  let dispatcher: NotificationDispatcher;
  let lead: Lead;

  beforeEach(async () => {
    ds = await inMemoryDatabase();
    rows = ds.getRepository(Notification);
    const now = new Date();
    lead = ds.getRepository(Lead).create({
      id: uuidv7(),
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      resumeUrl: 'https://files.example.com/ada.pdf',
      state: 'PENDING',
      createdAt: now,
      updatedAt: now,
    });
    await ds.getRepository(Lead).insert(lead);
    notifier = new FakeNotifier();
    const leads = {
      getMany: (ids: string[]) => Promise.resolve(new Map(ids.map((id) => [id, { ...lead, id }]))),
    };
    const notifications = new NotificationsService(
      rows,
      new TransactionRunner(ds),
      new EventEmitter2(),
    );
    dispatcher = new NotificationDispatcher(
      notifications,
      leads as unknown as LeadsService,
      notifier as unknown as LeadNotifier,
      DELIVERY,
    );
  });
  afterEach(() => ds.destroy());

  /** Due notifications for the lead, one per recipient, optionally with earlier attempts. */
  const due = async (count: number, attempts = 0): Promise<Notification[]> => {
    const now = new Date(Date.now() - 1000);
    const created = Array.from({ length: count }, (_, i) =>
      pendingNotification(
        {
          leadId: lead.id,
          channel: 'email',
          kind: 'attorney-notice',
          recipient: `attorney${i}@firm.test`,
          attempts,
        },
        now,
      ),
    );
    await rows.insert(created);
    return created;
  };
  const reload = (n: Notification) => rows.findOneByOrFail({ id: n.id });

  it('marks a notification sent once the server accepts it, with a stable message key', async () => {
    const [n] = await due(1);
    await expect(dispatcher.dispatch()).resolves.toBe(true);
    expect(notifier.sent).toEqual([
      {
        leadId: lead.id,
        message: { kind: 'attorney-notice', recipient: 'attorney0@firm.test' },
        key: n.id,
      },
    ]);
    expect(await reload(n)).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      claimToken: null,
      claimedUntil: null,
    });
    expect((await reload(n)).sentAt).toBeInstanceOf(Date);
  });

  it('drops, without sending, a message no longer wanted when its time comes', async () => {
    const [n] = await due(1);
    notifier.wanted = false;
    await expect(dispatcher.dispatch()).resolves.toBe(true);
    expect(notifier.sent).toEqual([]);
    expect(await rows.findOneBy({ id: n.id })).toBeNull();
  });

  it('reports a pass with nothing due as idle', async () => {
    await expect(dispatcher.dispatch()).resolves.toBe(false);
    expect(notifier.sent).toEqual([]);
  });

  it.each([
    ['a greylisting 451', smtpError("Can't send mail", 451, '451 4.7.1 Greylisted')],
    ['a 421 service not available', smtpError('Service not available', 421)],
    ['a 499', smtpError('Odd temporary answer', 499)],
    ['a 600 (no SMTP class)', smtpError('Not an SMTP code', 600)],
    ['a dropped connection (no SMTP code)', smtpError('Connection closed unexpectedly')],
  ])('keeps %s pending and retries it after the back-off', async (_what, error) => {
    const [n] = await due(1);
    notifier.outcomes = [error];
    const before = Date.now();
    await dispatcher.dispatch();
    const row = await reload(n);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimToken: null, sentAt: null });
    // First retry: base 60 s, scaled by a jitter factor in [0.5, 1).
    const delay = row.nextAttemptAt.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(30_000 - 1000);
    expect(delay).toBeLessThanOrEqual(60_000 + 1000);
    // Not due yet: the next pass leaves it alone.
    await expect(dispatcher.dispatch()).resolves.toBe(false);
    expect(notifier.sent).toEqual([]);
  });

  it.each([
    ['a 550 unknown mailbox', 550],
    ['a 500', 500],
    ['a 599', 599],
  ])('fails %s to RCPT TO (the recipient, for good) at once', async (_what, code) => {
    const [n] = await due(1);
    notifier.outcomes = [smtpError('Refused', code, undefined, 'RCPT TO')];
    await dispatcher.dispatch();
    expect(await reload(n)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Refused' });
  });

  it.each([
    ['a 535 to AUTH (bad credentials in SMTP_URL)', 535, 'AUTH PLAIN'],
    ['a 550 to MAIL FROM (a refused sender)', 550, 'MAIL FROM'],
    ['a 554 to DATA', 554, 'DATA'],
  ])('keeps %s pending: fixing the server side sends it', async (_what, code, command) => {
    const [n] = await due(1);
    notifier.outcomes = [smtpError('Refused', code, undefined, command)];
    await dispatcher.dispatch();
    expect(await reload(n)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('records the server’s answer with the error, and anything thrown as text', async () => {
    const [greylisted, odd] = await due(2);
    notifier.outcomes = [smtpError("Can't send mail", 451, '451 4.7.1 Greylisted'), 'socket gone'];
    await dispatcher.dispatch();
    expect((await reload(greylisted)).lastError).toBe("Can't send mail (451 4.7.1 Greylisted)");
    expect((await reload(odd)).lastError).toBe('socket gone');
  });

  it('gives up on a temporary failure at MAIL_MAX_ATTEMPTS', async () => {
    const [last] = await due(1, DELIVERY.maxAttempts - 1);
    notifier.outcomes = [smtpError('Connection closed unexpectedly')];
    await dispatcher.dispatch();
    expect(await reload(last)).toMatchObject({ status: 'failed', attempts: DELIVERY.maxAttempts });
  });

  it('retries a temporary failure one attempt before MAIL_MAX_ATTEMPTS', async () => {
    const [n] = await due(1, DELIVERY.maxAttempts - 2);
    notifier.outcomes = [smtpError('Connection closed unexpectedly')];
    await dispatcher.dispatch();
    expect(await reload(n)).toMatchObject({
      status: 'pending',
      attempts: DELIVERY.maxAttempts - 1,
    });
  });

  it('records a lead that cannot be loaded as a failed attempt, to retry', async () => {
    const [n] = await due(1);
    const broken = new NotificationDispatcher(
      new NotificationsService(rows, new TransactionRunner(ds), new EventEmitter2()),
      { getMany: () => Promise.reject(new Error('database away')) } as unknown as LeadsService,
      notifier as unknown as LeadNotifier,
      DELIVERY,
    );
    await broken.dispatch();
    expect(await reload(n)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await reload(n)).lastError).toBe('database away');
  });

  it('sends four at a time and takes at most fifty per pass', async () => {
    await due(55);
    await expect(dispatcher.dispatch()).resolves.toBe(true);
    expect(notifier.sent).toHaveLength(50);
    expect(notifier.mostInFlight).toBe(4);
    await expect(dispatcher.dispatch()).resolves.toBe(true);
    expect(notifier.sent).toHaveLength(55);
    expect(new Set(notifier.sent.map((s) => s.message.recipient)).size).toBe(55);
    expect(await rows.countBy({ status: 'sent' })).toBe(55);
    expect(await rows.countBy({ attempts: 1, claimToken: IsNull() })).toBe(55);
  });

  it('does not start a message whose lease is about to end (another instance may take it)', async () => {
    const rows5 = await due(5);
    let release!: () => void;
    notifier.gate = new Promise<void>((resolve) => (release = resolve));
    const hurried = new NotificationDispatcher(
      new NotificationsService(rows, new TransactionRunner(ds), new EventEmitter2()),
      {
        getMany: (ids: string[]) => Promise.resolve(new Map(ids.map((id) => [id, lead]))),
      } as unknown as LeadsService,
      notifier as unknown as LeadNotifier,
      { ...DELIVERY, leaseMs: 8_000 },
    );
    const pass = hurried.dispatch();
    await waitFor(() => notifier.inFlight === 4, { what: 'four slow sends under way' });
    // The four slow sends have used 7 of the 8 s lease when the fifth could start.
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 7_000);
    try {
      release();
      await pass;
    } finally {
      clock.mockRestore();
    }
    expect(notifier.sent).toHaveLength(4);
    const statuses = await Promise.all(rows5.map((n) => reload(n)));
    expect(statuses.filter((n) => n.status === 'sent')).toHaveLength(4);
    expect(statuses.filter((n) => n.status === 'pending' && n.attempts === 0)).toHaveLength(1);
  });

  it('finishes the pass when recording a send fails (the message is retried after its lease)', async () => {
    const rowsDue = await due(2);
    const record = jest
      .spyOn(NotificationsService.prototype, 'markSent')
      .mockRejectedValue(new Error('database away'));
    try {
      await expect(dispatcher.dispatch()).resolves.toBe(true);
    } finally {
      record.mockRestore();
    }
    expect(notifier.sent).toHaveLength(2);
    for (const n of rowsDue) {
      expect(await reload(n)).toMatchObject({ status: 'pending', attempts: 0 });
    }
  });
});
