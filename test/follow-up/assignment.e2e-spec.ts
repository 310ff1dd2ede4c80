import { startTestApp, validLead, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

interface Ref {
  id: string;
  email: string;
  name: string;
}
interface LeadBody {
  id: string;
  first_name: string;
  last_name: string;
  assigned_to: Ref | null;
  follow_up_due_at: string | null;
  assignments?: { from: Ref | null; to: Ref | null; by: Ref | null; at: string }[];
}

describe('Lead assignment (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const attorneys: Record<'a' | 'b', Ref & { token: string }> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    for (const key of ['a', 'b'] as const) {
      const email = `attorney-${key}@firm.test`;
      const res = await t
        .http()
        .post('/users')
        .auth(admin, { type: 'bearer' })
        .send({
          email,
          name: `Attorney ${key.toUpperCase()}`,
          password: 'a-long-enough-password',
          role: 'attorney',
        })
        .expect(201);
      expect(res.body.accepts_leads).toBe(true);
      attorneys[key] = {
        ...(res.body as Ref),
        token: await t.tokenFor(email, 'a-long-enough-password'),
      };
    }
  });
  afterAll(() => t.close());

  const submit = async (): Promise<LeadBody> =>
    (await t.http().post('/leads').send(validLead()).expect(201)).body as LeadBody;
  const get = async (id: string): Promise<LeadBody> =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' }).expect(200))
      .body as LeadBody;
  const mailsFor = (leadId: string, kind: string) =>
    t.smtp.messages.filter(
      (m) => m.headers.get('x-lead-id') === leadId && m.headers.get('x-notification') === kind,
    );
  const assign = (id: string, userId: unknown, token = admin) =>
    t.http().put(`/leads/${id}/assignee`).auth(token, { type: 'bearer' }).send({ user_id: userId });
  const setAccepts = (id: string, value: boolean) =>
    t
      .http()
      .patch(`/users/${id}`)
      .auth(admin, { type: 'bearer' })
      .send({ accepts_leads: value })
      .expect(200);

  it('assigns four leads two and two, and tells only each lead’s assignee', async () => {
    const leads = [];
    for (let i = 0; i < 4; i++) leads.push(await get((await submit()).id));
    const owners = leads.map((l) => l.assigned_to?.email);
    expect(owners.filter((o) => o === attorneys.a.email)).toHaveLength(2);
    expect(owners.filter((o) => o === attorneys.b.email)).toHaveLength(2);
    // Turns alternate: never the same attorney twice in a row.
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners[2]).not.toBe(owners[3]);
    for (const lead of leads) {
      const notice = await waitFor(() => mailsFor(lead.id, 'attorney-notice')[0]);
      expect(mailsFor(lead.id, 'attorney-notice')).toHaveLength(1);
      expect(notice.to).toEqual([lead.assigned_to!.email]);
      expect(notice.subject).toBe(`New lead: ${lead.first_name} ${lead.last_name}`);
      expect(notice.text).toContain('assigned to you');
      expect(lead.follow_up_due_at).toEqual(expect.any(String));
    }
  });

  it('reassigns (admin), records it, and mails the new assignee', async () => {
    const lead = await get((await submit()).id);
    const other = lead.assigned_to!.id === attorneys.a.id ? attorneys.b : attorneys.a;
    const res = await assign(lead.id, other.id.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.body.assigned_to).toEqual({ id: other.id, email: other.email, name: other.name });
    const mail = await waitFor(() => mailsFor(lead.id, 'lead-assigned')[0]);
    expect(mail.to).toEqual([other.email]);
    expect(mail.subject).toBe(`Lead assigned to you: ${lead.first_name} ${lead.last_name}`);
    const detail = await get(lead.id);
    expect(detail.assignments).toEqual([
      {
        from: lead.assigned_to,
        to: { id: other.id, email: other.email, name: other.name },
        by: expect.objectContaining({ email: 'admin@firm.test' }),
        at: expect.any(String),
      },
    ]);
    // Same assignee again: 200, nothing recorded, nobody mailed twice.
    await assign(lead.id, other.id).expect(200);
    expect((await get(lead.id)).assignments).toHaveLength(1);
  });

  it('refuses reassignment by attorneys (403), of unknown leads (404), to unknown or bad ids (400)', async () => {
    const lead = await submit();
    expect((await assign(lead.id, attorneys.a.id, attorneys.a.token)).status).toBe(403);
    const unknownLead = await assign('01900000-0000-7000-8000-00000000dead', attorneys.a.id);
    expect(unknownLead.status).toBe(404);
    expect(unknownLead.body.message).toBe('Lead not found');
    expect((await assign(lead.id, '01900000-0000-7000-8000-00000000beef')).status).toBe(400);
    expect((await assign(lead.id, 'nobody')).status).toBe(400);
    expect((await assign(lead.id, undefined)).status).toBe(400);
    expect((await assign('not-a-uuid', attorneys.a.id)).status).toBe(400);
  });

  it('refuses a deactivated user with 409', async () => {
    const res = await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'gone@firm.test',
      name: 'Gone',
      password: 'a-long-enough-password',
      role: 'attorney',
    });
    await t
      .http()
      .patch(`/users/${res.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    const lead = await submit();
    const refused = await assign(lead.id, res.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
  });

  it('lists by assignee: me and an id', async () => {
    const mine = await t
      .http()
      .get('/leads?assigned_to=me&limit=100')
      .auth(attorneys.a.token, { type: 'bearer' })
      .expect(200);
    const byId = await t
      .http()
      .get(`/leads?assigned_to=${attorneys.a.id}&limit=100`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    const ids = (body: LeadBody[]) => body.map((l) => l.id).sort();
    expect((mine.body as LeadBody[]).length).toBeGreaterThanOrEqual(2);
    expect((mine.body as LeadBody[]).every((l) => l.assigned_to?.id === attorneys.a.id)).toBe(true);
    expect(ids(byId.body as LeadBody[])).toEqual(ids(mine.body as LeadBody[]));
    expect(mine.headers['x-total-count']).toBe(String(mine.body.length));
    const bad = await t.http().get('/leads?assigned_to=somebody').auth(admin, { type: 'bearer' });
    expect(bad.status).toBe(400);
  });

  it('skips attorneys who take no leads, and with nobody taking leads tells ATTORNEY_NOTIFY_EMAIL', async () => {
    const b = await setAccepts(attorneys.b.id, false);
    expect(b.body.accepts_leads).toBe(false);
    const first = await get((await submit()).id);
    const second = await get((await submit()).id);
    expect([first.assigned_to?.id, second.assigned_to?.id]).toEqual([
      attorneys.a.id,
      attorneys.a.id,
    ]);

    await setAccepts(attorneys.a.id, false);
    const orphan = await get((await submit()).id);
    expect(orphan.assigned_to).toBeNull();
    const notice = await waitFor(() => mailsFor(orphan.id, 'attorney-notice')[0]);
    expect(notice.to).toEqual(['intake@firm.test']);
    await setAccepts(attorneys.a.id, true);
    await setAccepts(attorneys.b.id, true);
  });
});
