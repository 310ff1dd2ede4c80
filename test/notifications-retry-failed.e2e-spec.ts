import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface NotificationBody {
  id: string;
  recipient: string;
  status: string;
  attempts: number;
}

describe('POST /notifications/retry-failed (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const notificationsOf = async (leadId: string): Promise<NotificationBody[]> =>
    (await t.http().get(`/leads/${leadId}`).auth(admin, { type: 'bearer' })).body.notifications;
  const retryFailed = (token: string) =>
    t.http().post('/notifications/retry-failed').auth(token, { type: 'bearer' });

  it('puts every failed e-mail back to pending, the dispatcher sends them, a second call retries 0', async () => {
    const bouncing = [validLead(), validLead(), validLead()];
    t.smtp.behaviour = { rejectRecipients: bouncing.map((l) => l.email) };
    const leads: { id: string; email: string }[] = [];
    for (const fields of bouncing) {
      const res = await t.http().post('/leads').send(fields);
      expect(res.status).toBe(201);
      leads.push(res.body);
    }
    for (const lead of leads) {
      await waitFor(
        async () => {
          const list = await notificationsOf(lead.id);
          return list.length === 2 && list.every((n) => n.status !== 'pending');
        },
        { what: `the notifications of lead ${lead.id} to settle` },
      );
      const byRecipient = new Map((await notificationsOf(lead.id)).map((n) => [n.recipient, n]));
      expect(byRecipient.get(lead.email)?.status).toBe('failed');
      expect(byRecipient.get('intake@firm.test')?.status).toBe('sent');
    }
    const noticesBefore = t.smtp.to('intake@firm.test').length;

    // The mailboxes are back.
    t.smtp.behaviour = {};
    const first = await retryFailed(admin);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ retried: 3 });

    for (const lead of leads) {
      await waitFor(
        async () => (await notificationsOf(lead.id)).every((n) => n.status === 'sent'),
        { what: `every notification of lead ${lead.id} sent` },
      );
      expect(t.smtp.to(lead.email)).toHaveLength(1);
      // The resend keeps the message's Message-ID, on the PUBLIC_BASE_URL host.
      const acknowledgement = (await notificationsOf(lead.id)).find(
        (n) => n.recipient === lead.email,
      );
      expect(t.smtp.to(lead.email)[0].messageId).toBe(`<${acknowledgement!.id}@leads.firm.test>`);
    }
    // Only the failed ones went again: the notices already sent were not resent.
    expect(t.smtp.to('intake@firm.test')).toHaveLength(noticesBefore);

    const second = await retryFailed(admin);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ retried: 0 });
  });

  it('is for admins only: an attorney gets 403, no token 401', async () => {
    const created = await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'attorney@firm.test',
      name: 'Attorney',
      password: 'a-long-enough-password',
      role: 'attorney',
    });
    expect(created.status).toBe(201);
    const attorney = await t.tokenFor('attorney@firm.test', 'a-long-enough-password');
    expect((await retryFailed(attorney)).status).toBe(403);
    expect((await t.http().post('/notifications/retry-failed')).status).toBe(401);
  });
});
