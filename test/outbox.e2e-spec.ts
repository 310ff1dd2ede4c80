import { DataSource } from 'typeorm';
import { Notification } from '../src/notifications/notification.entity';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface NotificationBody {
  id: string;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('Notification outbox (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ MAIL_MAX_ATTEMPTS: '50' });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const notificationsOf = async (leadId: string): Promise<NotificationBody[]> =>
    (await t.http().get(`/leads/${leadId}`).auth(admin, { type: 'bearer' })).body.notifications;
  const allSettled = async () =>
    (await t.app.get(DataSource).getRepository(Notification).countBy({ status: 'pending' })) === 0;

  it('shows each message of a lead with its delivery status', async () => {
    const { body: lead } = await t.http().post('/leads').send(validLead());
    const sent = await waitFor(async () => {
      const list = await notificationsOf(lead.id);
      return list.length === 2 && list.every((n) => n.status === 'sent') ? list : null;
    });
    expect(sent.map((n) => [n.kind, n.recipient]).sort()).toEqual([
      ['attorney-notice', 'intake@firm.test'],
      ['lead-acknowledgement', lead.email],
    ]);
    expect(sent[0]).toMatchObject({ channel: 'email', attempts: 1, last_error: null });
  });

  it('delivers every email exactly once after SMTP was down during 50 submits', async () => {
    await waitFor(allSettled);
    const before = t.smtp.messages.length;
    await t.smtp.stop();
    const leads: { id: string; email: string }[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        const res = await t
          .http()
          .post('/leads')
          .send(validLead({ last_name: `Outage${i}` }));
        expect(res.status).toBe(201);
        leads.push(res.body);
      }
      // The failures are recorded and retried, not lost. The last lead's turn comes after 98
      // failing sends and their retries: 5 s was not always enough on a loaded machine.
      await waitFor(
        async () =>
          (await notificationsOf(leads[49].id)).some((n) => n.attempts > 0 && n.last_error),
        { timeoutMs: 20_000, what: 'a failed attempt recorded for the last lead' },
      );
    } finally {
      // Back up even when this test fails, so the tests after it still have a server.
      await t.smtp.start(t.smtp.portNumber);
    }
    await waitFor(allSettled, { timeoutMs: 20_000, what: 'all notifications settled' });
    const received = t.smtp.messages.slice(before);
    expect(received).toHaveLength(100);
    for (const lead of leads) {
      expect(t.smtp.to(lead.email)).toHaveLength(1);
      expect(
        received.filter((m) => m.to.includes('intake@firm.test') && m.text.includes(lead.email)),
      ).toHaveLength(1);
    }
    expect(new Set(received.map((m) => m.messageId)).size).toBe(100);
  });

  it('marks a permanently refused recipient failed with the reason and sends the others', async () => {
    // The only attorney taking leads: every lead's notice is assigned to this mailbox.
    for (const [email, name] of [['gone@firm.test', 'Gone Attorney']]) {
      const res = await t
        .http()
        .post('/users')
        .auth(admin, { type: 'bearer' })
        .send({ email, name, password: 'a-long-enough-password', role: 'attorney' });
      expect(res.status).toBe(201);
    }
    t.smtp.behaviour = { rejectRecipients: ['gone@firm.test'] };
    try {
      const { body: lead } = await t.http().post('/leads').send(validLead());
      const settled = await waitFor(async () => {
        const list = await notificationsOf(lead.id);
        return list.length === 2 && list.every((n) => n.status !== 'pending') ? list : null;
      });
      const byRecipient = new Map(settled.map((n) => [n.recipient, n]));
      expect(byRecipient.get('gone@firm.test')).toMatchObject({ status: 'failed', attempts: 1 });
      expect(byRecipient.get('gone@firm.test')!.last_error).toMatch(/550|Mailbox unavailable/);
      expect(byRecipient.get(lead.email)!.status).toBe('sent');

      const failed = await t
        .http()
        .get('/notifications?status=failed')
        .auth(admin, { type: 'bearer' });
      expect(failed.status).toBe(200);
      expect(failed.body.map((n: NotificationBody) => n.recipient)).toContain('gone@firm.test');
      expect(failed.body.every((n: NotificationBody) => n.status === 'failed')).toBe(true);

      // The mailbox is back: an admin retries and the message goes out.
      t.smtp.behaviour = {};
      const failedId = byRecipient.get('gone@firm.test')!.id;
      const retry = await t
        .http()
        .post(`/notifications/${failedId}/retry`)
        .auth(admin, { type: 'bearer' });
      expect(retry.status).toBe(200);
      await waitFor(
        async () =>
          (await notificationsOf(lead.id)).find((n) => n.id === failedId)?.status === 'sent',
      );
      const again = await t
        .http()
        .post(`/notifications/${failedId}/retry`)
        .auth(admin, { type: 'bearer' });
      expect(again.status).toBe(409);
    } finally {
      t.smtp.behaviour = {};
    }
  });

  /** Waits until the lead's messages exist and none is `pending`; returns them by recipient. */
  const settledByRecipient = async (leadId: string) => {
    const list = await waitFor(
      async () => {
        const all = await notificationsOf(leadId);
        return all.length >= 2 && all.every((n) => n.status !== 'pending') ? all : null;
      },
      { timeoutMs: 10_000, what: `the notifications of lead ${leadId} to settle` },
    );
    return new Map(list.map((n) => [n.recipient, n]));
  };
  /** The lead's attorney notices went out at the first attempt, not held up by `except`. */
  const expectOthersSentAtOnce = (byRecipient: Map<string, NotificationBody>, except: string) => {
    const others = [...byRecipient.values()].filter((n) => n.recipient !== except);
    expect(others.length).toBeGreaterThan(0);
    for (const n of others) expect(n).toMatchObject({ status: 'sent', attempts: 1 });
  };

  it('retries a recipient refused once with 451 (greylisting) and delivers one copy', async () => {
    const fields = validLead();
    t.smtp.behaviour = { deferRecipientsOnce: [fields.email] };
    try {
      const { body: lead } = await t.http().post('/leads').send(fields);
      const byRecipient = await settledByRecipient(lead.id);
      expect(t.smtp.interruptions).toContainEqual({
        recipient: fields.email,
        what: '451 at RCPT TO',
      });
      expect(byRecipient.get(fields.email)).toMatchObject({
        kind: 'lead-acknowledgement',
        status: 'sent',
        attempts: 2,
        last_error: null,
      });
      expectOthersSentAtOnce(byRecipient, fields.email);
      expect(t.smtp.to(fields.email)).toHaveLength(1);
    } finally {
      t.smtp.behaviour = {};
    }
  });

  it('retries a message whose connection dropped during DATA and delivers one copy', async () => {
    const fields = validLead();
    t.smtp.behaviour = { dropDuringDataOnce: [fields.email] };
    try {
      const { body: lead } = await t.http().post('/leads').send(fields);
      const byRecipient = await settledByRecipient(lead.id);
      expect(t.smtp.interruptions).toContainEqual({
        recipient: fields.email,
        what: 'dropped during DATA',
      });
      expect(byRecipient.get(fields.email)).toMatchObject({
        kind: 'lead-acknowledgement',
        status: 'sent',
        attempts: 2,
        last_error: null,
      });
      expectOthersSentAtOnce(byRecipient, fields.email);
      expect(t.smtp.to(fields.email)).toHaveLength(1);
    } finally {
      t.smtp.behaviour = {};
    }
  });

  it('keeps notification admin routes for admins only', async () => {
    await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'plain@firm.test',
      name: 'Plain',
      password: 'a-long-enough-password',
      role: 'attorney',
    });
    const attorney = await t.tokenFor('plain@firm.test', 'a-long-enough-password');
    expect((await t.http().get('/notifications').auth(attorney, { type: 'bearer' })).status).toBe(
      403,
    );
    expect(
      (await t.http().get('/notifications?status=lost').auth(admin, { type: 'bearer' })).status,
    ).toBe(400);
    expect(
      (await t.http().post('/notifications/not-a-uuid/retry').auth(admin, { type: 'bearer' }))
        .status,
    ).toBe(400);
  });

  it('answers POST /leads without waiting for a slow SMTP server', async () => {
    await waitFor(allSettled);
    t.smtp.behaviour = { delayMs: 2000 };
    try {
      const res = await t.http().post('/leads').send(validLead());
      expect(res.status).toBe(201);
      // The answer is back while the slow server still holds the message.
      expect(t.smtp.to(res.body.email)).toHaveLength(0);
      expect((await notificationsOf(res.body.id)).every((n) => n.status !== 'sent')).toBe(true);
      await waitFor(() => t.smtp.to(res.body.email).length === 1, { timeoutMs: 10_000 });
    } finally {
      t.smtp.behaviour = {};
    }
  });
});
