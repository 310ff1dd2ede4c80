import { makePdf, MIME } from './support/documents';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** A UUID is the same id in any case; people paste them from mail clients that shout. */
const shout = (id: string) => id.toUpperCase();
const mixed = (id: string) =>
  [...id].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join('');

describe('Ids in any case (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let lead: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    lead = (
      await t
        .http()
        .post('/leads')
        .field('first_name', 'Case')
        .field('last_name', 'Insensitive')
        .field('email', 'case@example.com')
        .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf })
    ).body as { id: string };
    expect(lead.id).toBe(lead.id.toLowerCase());
  });
  afterAll(() => t.close());

  const bearer = <T extends { auth: (token: string, opts: { type: 'bearer' }) => T }>(req: T) =>
    req.auth(admin, { type: 'bearer' });

  it.each([
    ['upper case', shout],
    ['mixed case', mixed],
  ])('finds a lead by its id in %s, and answers with the stored id', async (_what, cased) => {
    const res = await bearer(t.http().get(`/leads/${cased(lead.id)}`));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(lead.id);
    expect(res.body.first_name).toBe('Case');
  });

  it('serves the résumé of a lead named in upper case', async () => {
    const res = await bearer(t.http().get(`/leads/${shout(lead.id)}/resume`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(MIME.pdf);
  });

  it('changes the state of a lead named in upper case, recorded on the stored id', async () => {
    const { body: other } = await t.http().post('/leads').send(validLead());
    const res = await bearer(t.http().put(`/leads/${shout(other.id)}`)).send({
      state: 'REACHED_OUT',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: other.id, state: 'REACHED_OUT' });
    const detail = await bearer(t.http().get(`/leads/${other.id}`));
    expect(detail.body.history).toHaveLength(1);
  });

  it('changes a user named in upper case', async () => {
    const { body: user } = await bearer(t.http().post('/users')).send({
      email: 'upper@firm.test',
      name: 'Upper',
      password: 'upper-password-12',
      role: 'attorney',
    });
    const res = await bearer(t.http().patch(`/users/${shout(user.id)}`)).send({ name: 'Renamed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, name: 'Renamed' });
  });

  it('finds a notification named in upper case', async () => {
    const sent = await waitFor(async () => {
      const detail = await bearer(t.http().get(`/leads/${lead.id}`));
      const list = detail.body.notifications as Array<{ id: string; status: string }>;
      return list.find((n) => n.status === 'sent');
    });
    // Found, and already sent: 409, where an unknown id is 404.
    const res = await bearer(t.http().post(`/notifications/${shout(sent.id)}/retry`));
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('This notification was already sent');
  });

  it.each(['/leads/', '/users/', '/notifications/'])(
    'still refuses a malformed id under %s with 400',
    async (prefix) => {
      const path = `${prefix}${shout(lead.id).slice(0, -1)}Z`;
      const req =
        prefix === '/leads/'
          ? t.http().get(path)
          : prefix === '/users/'
            ? t.http().patch(path).send({ name: 'X' })
            : t.http().post(`${path}/retry`);
      const res = await bearer(req);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    },
  );
});
