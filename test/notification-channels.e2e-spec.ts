import { DataSource } from 'typeorm';
import { Notification, pendingNotification } from '../src/notifications/notification.entity';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

describe('Notification channels (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lets the e-mail dispatcher claim only e-mail rows, never another channel’s', async () => {
    const lead = await t.http().post('/leads').send(validLead());
    expect(lead.status).toBe(201);
    const rows = t.app.get(DataSource).getRepository(Notification);
    // A row of a channel this build has no dispatcher for (as webhooks will be), due now.
    const webhook = pendingNotification({
      leadId: lead.body.id as string,
      channel: 'webhook' as Notification['channel'],
      kind: 'lead.created',
      recipient: 'https://crm.firm.example/hooks/leads',
    });
    await rows.insert(webhook);
    // Another lead afterwards: its e-mails are sent only after the dispatcher has passed over the
    // webhook row, which is due first.
    const next = await t.http().post('/leads').send(validLead());
    await waitFor(
      () => t.smtp.messages.filter((m) => m.text.includes(next.body.id as string)).length >= 1,
      {
        what: 'the next lead’s attorney notice',
      },
    );
    expect(await rows.findOneByOrFail({ id: webhook.id })).toMatchObject({
      status: 'pending',
      attempts: 0,
      claimToken: null,
    });
  });
});
