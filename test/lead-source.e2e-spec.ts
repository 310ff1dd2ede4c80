import { makePdf, MIME } from './support/documents';
import { startTestApp, validLead, type TestApp } from './support/test-app';

const SOURCE = {
  utm_source: 'google',
  utm_medium: 'cpc',
  utm_campaign: 'employment-2026',
  referrer: 'https://www.google.com/search?q=employment+lawyer',
};

describe('Lead source (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const submit = (overrides: Record<string, unknown>) =>
    t.http().post('/leads').send(validLead(overrides));
  const staffView = async (id: string) =>
    (await t.http().get(`/leads/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body as {
      source: unknown;
    };
  const messages = (body: unknown) => (body as { message: string[] }).message.join(' | ');

  it('stores a JSON source, shows it to staff and never in the public answer', async () => {
    const res = await submit({ source: SOURCE });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('source');
    expect((await staffView(res.body.id)).source).toEqual(SOURCE);
  });

  it('keeps the fields given and trims them; no source or an empty one is null', async () => {
    const partial = await submit({ source: { utm_source: '  newsletter ' } }).expect(201);
    expect((await staffView(partial.body.id)).source).toEqual({
      utm_source: 'newsletter',
      utm_medium: null,
      utm_campaign: null,
      referrer: null,
    });
    for (const source of [undefined, null, {}, { utm_source: '   ' }]) {
      const res = await submit({ source }).expect(201);
      expect((await staffView(res.body.id)).source).toBeNull();
    }
  });

  it('takes flat fields in multipart, as the web form sends them', async () => {
    const lead = validLead();
    const res = await t
      .http()
      .post('/leads')
      .field('first_name', lead.first_name)
      .field('last_name', lead.last_name)
      .field('email', lead.email)
      .field('utm_source', 'facebook')
      .field('utm_medium', '')
      .field('referrer', 'https://m.facebook.com/')
      .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf })
      .expect(201);
    expect((await staffView(res.body.id)).source).toEqual({
      utm_source: 'facebook',
      utm_medium: null,
      utm_campaign: null,
      referrer: 'https://m.facebook.com/',
    });
  });

  it.each([
    [{ utm_source: 'x'.repeat(201) }, 'utm_source must be shorter than or equal to 200'],
    [{ utm_medium: 'a\u0000b' }, 'utm_medium must not contain control'],
    [{ utm_campaign: 'a\u202eb' }, 'utm_campaign must not contain control'],
    [{ referrer: 'javascript:alert(1)' }, 'referrer must be an http(s) URL'],
    [{ referrer: 'not a url' }, 'referrer must be an http(s) URL'],
    [{ referrer: `https://example.com/${'a'.repeat(2000)}` }, 'referrer must be shorter'],
    [{ utm_source: 'a\u2800' }, 'utm_source must not contain control'],
    [{ utm_medium: '\u3164' }, 'utm_medium must not contain control'],
    [{ utm_campaign: 'a\u115Fb\uFFA0c\u034Fd\u180Be' }, 'utm_campaign must not contain control'],
    [{ referrer: 'https://example.com/\u2800' }, 'referrer must not contain control'],
    [{ utm_term: 'x' }, 'property utm_term should not exist'],
    ['google', 'source must be an object'],
    [['google'], 'source must be an object'],
  ])('refuses the source %j with 400', async (source, message) => {
    const res = await submit({ source });
    expect(res.status).toBe(400);
    expect(messages(res.body)).toContain(message);
  });

  it('refuses flat source fields in JSON (they are for forms) with 400', async () => {
    const res = await submit({ utm_source: 'google' });
    expect(res.status).toBe(400);
    expect(messages(res.body)).toContain('property utm_source should not exist');
  });

  it('counts the source in the Idempotency-Key body: another source is another body (422)', async () => {
    const body = validLead({ source: SOURCE });
    const key = `source-${Date.now()}`;
    const first = await t.http().post('/leads').set('Idempotency-Key', key).send(body).expect(201);
    const again = await t.http().post('/leads').set('Idempotency-Key', key).send(body);
    expect([200, 201]).toContain(again.status);
    expect(again.body.id).toBe(first.body.id);
    const other = { ...body, source: { ...SOURCE, utm_campaign: 'other' } };
    expect((await t.http().post('/leads').set('Idempotency-Key', key).send(other)).status).toBe(
      422,
    );
  });

  it('writes the page address tags and an outside referrer into the form for browsers without script', async () => {
    const page = await t
      .http()
      .get('/?utm_source=bing&utm_campaign=%22%3E%3Cscript%3E&utm_medium=a&utm_medium=b')
      .set('Referer', 'https://search.example/?q=lawyer')
      .expect(200);
    expect(page.text).toContain('name="utm_source" value="bing"');
    expect(page.text).toContain('name="utm_campaign" value="&#34;&#62;&#60;script&#62;"');
    expect(page.text).toContain('name="utm_medium" value=""');
    expect(page.text).toContain('name="referrer" value="https://search.example/?q=lawyer"');
    const own = await t
      .http()
      .get('/')
      .set('Host', 'leads.firm.test')
      .set('Referer', 'http://leads.firm.test/x')
      .expect(200);
    expect(own.text).toContain('name="referrer" value=""');
  });

  it('takes referrers with an underscore or a trailing dot in the host, as browsers send them', async () => {
    for (const referrer of ['https://my_blog.example.com/', 'https://example.com./']) {
      const res = await submit({ source: { referrer } }).expect(201);
      expect((await staffView(res.body.id)).source).toMatchObject({ referrer });
    }
  });

  describe('a page opened with tags and a referrer the API refuses', () => {
    const hidden = (page: string, name: string) =>
      (new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '').replace(
        /&#(\d+);/g,
        (_, code: string) => String.fromCodePoint(Number(code)),
      );
    // Blank-rendering characters the API refuses in a tag, as a link would carry them.
    const BLANKS = '\u2800\u3164\u115F\uFFA0\u034F\u180B\u180C\u180D\u180E\u180F';

    it.each([
      ['https://my_blog.example.com/', 'https://my_blog.example.com/'],
      ['https://example.com./', 'https://example.com./'],
      // A URL to browsers, not to the API (a label may not start with a hyphen): dropped.
      ['https://-blog-.example.com/', null],
    ])(
      'drops what is refused; the form without script is taken (referrer %s)',
      async (referer, kept) => {
        const query = new URLSearchParams({
          utm_source: '\u2800',
          utm_medium: `e${BLANKS}mail`,
          utm_campaign: `spring${BLANKS}`,
        });
        const page = (
          await t.http().get(`/?${query.toString()}`).set('Referer', referer).expect(200)
        ).text;
        const lead = validLead();
        const post = t
          .http()
          .post('/leads')
          .set('Accept', 'text/html')
          .field('first_name', lead.first_name)
          .field('last_name', lead.last_name)
          .field('email', lead.email);
        // As a browser without script posts the form: every hidden field, the empty ones too.
        for (const name of ['utm_source', 'utm_medium', 'utm_campaign', 'referrer'])
          post.field(name, hidden(page, name));
        const res = await post.attach('resume', makePdf(), {
          filename: 'cv.pdf',
          contentType: MIME.pdf,
        });
        expect(res.status).toBe(201);
        const reference = /L-[0-9A-HJKMNP-TV-Z]{6}/.exec(res.text)?.[0];
        const [found] = (
          await t.http().get('/leads').query({ q: reference }).auth(admin, { type: 'bearer' })
        ).body as { source: unknown }[];
        expect(found.source).toEqual({
          utm_source: null,
          utm_medium: 'email',
          utm_campaign: 'spring',
          referrer: kept,
        });
      },
    );
  });

  it('exports the source columns in the CSV', async () => {
    const res = await submit({ source: SOURCE, last_name: 'Sourced' }).expect(201);
    const csv = await t
      .http()
      .get('/leads/export.csv?q=sourced')
      .auth(admin, { type: 'bearer' })
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    const [header, row] = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header.split(',').slice(-4)).toEqual([
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'referrer',
    ]);
    expect(row).toContain(res.body.id);
    expect(
      row.endsWith(',google,cpc,employment-2026,https://www.google.com/search?q=employment+lawyer'),
    ).toBe(true);
  });
});
