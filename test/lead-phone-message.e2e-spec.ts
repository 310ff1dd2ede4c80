import { makePdf, MIME } from './support/documents';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

describe('Lead phone and message (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // National numbers are read as British here, to show the default country is configurable.
    t = await startTestApp({ DEFAULT_PHONE_COUNTRY: 'GB' });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const submit = (overrides: Record<string, unknown>) =>
    t.http().post('/leads').send(validLead(overrides));
  const staffView = async (id: string) =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' })).body as {
      phone: string | null;
      message: string | null;
    };
  const leadCount = async () =>
    Number(
      (await t.http().get('/leads?limit=1').auth(admin, { type: 'bearer' })).headers[
        'x-total-count'
      ],
    );

  it.each([
    ['+1 (202) 555-0123', '+12025550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['020 7946 0958', '+442079460958'],
    ['  0044 20 7946 0958 ', '+442079460958'],
  ])('stores the phone %j as %s (E.164), shown to staff only', async (phone, e164) => {
    const res = await submit({ phone });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('phone');
    expect((await staffView(res.body.id)).phone).toBe(e164);
  });

  it.each(['12345', 'call me', '+1 555 123 4567', '0'.repeat(41), '+44 20\u0000 7946 0958'])(
    'refuses the phone %j with 400 naming the field, and stores nothing',
    async (phone) => {
      const before = await leadCount();
      const res = await submit({ phone });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([expect.stringMatching(/^phone /)]);
      expect(await leadCount()).toBe(before);
    },
  );

  it('stores no phone and no message when they are absent, null or blank', async () => {
    for (const extra of [{}, { phone: null, message: null }, { phone: '  ', message: ' \n ' }]) {
      const res = await submit(extra);
      expect(res.status).toBe(201);
      expect(await staffView(res.body.id)).toMatchObject({ phone: null, message: null });
    }
  });

  it('keeps a message of 2000 characters with its line breaks, trimmed', async () => {
    const message = `Dear firm,\r\n\tmy matter:${'x'.repeat(1971)}\r\nThanks`;
    expect(message.replace(/\r\n/g, '\n')).toHaveLength(2000);
    const res = await submit({ message: `  ${message}  ` });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('message');
    expect((await staffView(res.body.id)).message).toBe(message.replace(/\r\n/g, '\n'));
  });

  it.each([
    ['2001 characters', 'y'.repeat(2001)],
    ['a control character', 'hello\u0007world'],
    ['a bidi override', 'pay \u202Eevil'],
    ['a number', 42],
  ])('refuses a message with %s (400 naming the field)', async (_what, message) => {
    const res = await submit({ message });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^message /)]);
  });

  it('takes phone and message in a multipart submit', async () => {
    const res = await t
      .http()
      .post('/leads')
      .field('first_name', 'Multi')
      .field('last_name', 'Part')
      .field('email', 'multi.part@example.com')
      .field('phone', ' 020 7946 0958')
      .field('message', 'Line one\r\nLine two')
      .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
    expect(res.status).toBe(201);
    expect(await staffView(res.body.id)).toEqual(
      expect.objectContaining({ phone: '+442079460958', message: 'Line one\nLine two' }),
    );
  });

  it('refuses a bad phone in a multipart submit with 400', async () => {
    const res = await t
      .http()
      .post('/leads')
      .field('first_name', 'Multi')
      .field('last_name', 'Part')
      .field('email', 'multi.part@example.com')
      .field('phone', 'not a phone')
      .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^phone /)]);
  });

  it('shows phone and message (escaped) in the attorney notice', async () => {
    const res = await submit({
      phone: '+12025550123',
      message: 'My <b>employer</b> & I\nsecond line',
    });
    const notice = await waitFor(
      () =>
        t.smtp.messages.find(
          (m) =>
            m.headers.get('x-lead-id') === res.body.id &&
            m.headers.get('x-notification') === 'attorney-notice',
        ),
      { what: 'attorney notice' },
    );
    expect(notice.text).toContain('+12025550123');
    expect(notice.text).toContain('My <b>employer</b> & I\nsecond line');
    expect(notice.html).toContain('+12025550123');
    expect(notice.html).toContain('My &lt;b&gt;employer&lt;/b&gt; &amp; I');
    expect(notice.html).not.toContain('<b>employer');
  });
});
