import { formTokenIssuedAt } from './support/form-token';
import { makePdf, MIME } from './support/documents';
import { PUBLIC_LEAD_KEYS, startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface StaffLead {
  id: string;
  spam: boolean;
  spam_reasons: string[];
  notifications: { kind: string; status: string }[];
}

describe('Spam at intake (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const submit = (body: Record<string, unknown>) => t.http().post('/leads').send(body);
  const staffView = async (id: string): Promise<StaffLead> =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' })).body as StaffLead;
  const listIds = async (query = ''): Promise<string[]> => {
    const res = await t.http().get(`/leads?limit=100${query}`).auth(admin, { type: 'bearer' });
    expect(res.status).toBe(200);
    return (res.body as { id: string }[]).map((l) => l.id);
  };
  /** A real lead sent after `spamId` has been mailed, so the relay has passed `spamId` too. */
  const mailedAfter = async () => {
    const real = await submit(validLead());
    await waitFor(
      () => t.smtp.messages.filter((m) => m.headers.get('x-lead-id') === real.body.id).length === 2,
      { what: 'a later real lead mailed' },
    );
  };

  const spamCases: [string, () => Record<string, unknown>, string][] = [
    ['a filled honeypot', () => validLead({ website: 'http://cheap-pills.example' }), 'honeypot'],
    [
      'a form sent 1 s after its token',
      () => validLead({ form_token: formTokenIssuedAt(Date.now() - 1000) }),
      'too_fast',
    ],
    [
      'an expired token',
      () => validLead({ form_token: formTokenIssuedAt(Date.now() - 25 * 3600_000) }),
      'expired_token',
    ],
    [
      'a forged token',
      () => validLead({ form_token: formTokenIssuedAt(Date.now() - 10_000, 'x'.repeat(48)) }),
      'invalid_token',
    ],
    [
      'a disposable address',
      () => validLead({ email: `bot${Date.now()}@mailinator.com` }),
      'disposable_email',
    ],
  ];

  it.each(spamCases)(
    'answers %s like any lead, stores it as spam and mails nobody',
    async (_, body, reason) => {
      const res = await submit(body());
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/leads/${res.body.id}`);
      expect(Object.keys(res.body).sort()).toEqual(PUBLIC_LEAD_KEYS);
      const stored = await staffView(res.body.id as string);
      expect(stored.spam).toBe(true);
      expect(stored.spam_reasons).toEqual([reason]);
      await mailedAfter();
      expect((await staffView(res.body.id as string)).notifications).toEqual([]);
      expect(t.smtp.messages.filter((m) => m.headers.get('x-lead-id') === res.body.id)).toEqual([]);
    },
  );

  it('takes a token from GET /leads/form-token, and a form sent with it at once is spam', async () => {
    const issued = await t.http().get('/leads/form-token');
    expect(issued.status).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    const res = await submit(validLead({ form_token: issued.body.form_token }));
    expect((await staffView(res.body.id as string)).spam_reasons).toEqual(['too_fast']);
  });

  it('does not take a JSON client without a token, or a person’s form, for spam', async () => {
    const api = await submit(validLead());
    const person = await t
      .http()
      .post('/leads')
      .field('first_name', 'Real')
      .field('last_name', 'Person')
      .field('email', `real.person.${Date.now()}@example.com`)
      .field('website', '')
      .field('form_token', formTokenIssuedAt(Date.now() - 8000))
      .field('opposing_party', 'Globex Corporation')
      .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
    expect(person.status).toBe(201);
    for (const id of [api.body.id as string, person.body.id as string]) {
      expect((await staffView(id)).spam).toBe(false);
    }
  });

  it('hides spam from the list unless spam=true, and releases it with its mails', async () => {
    const spam = await submit(validLead({ website: 'bot' }));
    const id = spam.body.id as string;
    expect(await listIds()).not.toContain(id);
    expect(await listIds('&spam=true')).toContain(id);
    expect(await listIds('&spam=true')).not.toContain((await submit(validLead())).body.id);
    expect((await t.http().get('/leads?spam=maybe').auth(admin, { type: 'bearer' })).status).toBe(
      400,
    );

    const released = await t
      .http()
      .put(`/leads/${id}/spam`)
      .auth(admin, { type: 'bearer' })
      .send({ spam: false });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ id, spam: false });
    const mails = await waitFor(
      () => {
        const m = t.smtp.messages.filter((x) => x.headers.get('x-lead-id') === id);
        return m.length === 2 ? m : null;
      },
      { what: 'the released lead’s two mails' },
    );
    expect(mails.map((m) => m.headers.get('x-notification')).sort()).toEqual([
      'attorney-notice',
      'lead-acknowledgement',
    ]);
    expect(await listIds()).toContain(id);
  });

  it('lets only admins release spam', async () => {
    await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'spam-attorney@firm.test',
      name: 'Spam Attorney',
      password: 'a-long-enough-password',
      role: 'attorney',
    });
    const attorney = await t.tokenFor('spam-attorney@firm.test', 'a-long-enough-password');
    const spam = await submit(validLead({ website: 'bot' }));
    const res = await t
      .http()
      .put(`/leads/${spam.body.id}/spam`)
      .auth(attorney, { type: 'bearer' })
      .send({ spam: false });
    expect(res.status).toBe(403);
    const bad = await t
      .http()
      .put(`/leads/${spam.body.id}/spam`)
      .auth(admin, { type: 'bearer' })
      .send({ spam: 'no' });
    expect(bad.status).toBe(400);
  });
});
