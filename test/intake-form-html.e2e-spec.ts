import { makePdf, MIME } from './support/documents';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const REFERENCE = /L-[0-9A-HJKMNP-TV-Z]{6}/;

/** The intake form without JavaScript: the browser posts it and gets pages back, never JSON. */
describe('Intake form as plain HTML (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({
      BRAND_NAME: 'Finch & Partners',
      FIRM_INTRO: 'We advise <employees> & executives.',
      RESPONSE_TIME_TEXT: 'within one business day',
      PRIVACY_URL: 'https://finch.example/privacy?from=form&x=1',
      FIRM_CONTACT_EMAIL: 'intake@finch.example',
      FIRM_CONTACT_PHONE: '+1 202 555 0123',
    });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /** A browser's own multipart submit of the form, file chosen. */
  const browserSubmit = (fields: Record<string, string>, accept = HTML) => {
    const req = t.http().post('/leads').set('Accept', accept);
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req;
  };
  const person = (first: string) => ({
    first_name: first,
    last_name: 'Finch',
    email: `${first.replace(/\W/g, '').toLowerCase()}@example.com`,
    // Every input the page posts, the empty ones as a browser sends them (the honeypot and the
    // form token are empty without JavaScript): not a 400, and not spam (the list hides spam).
    phone: '',
    message: '',
    opposing_party: '',
    website: '',
    form_token: '',
  });

  it('serves the form for a plain POST, with the firm’s introduction and privacy link', async () => {
    const res = await t.http().get('/');
    expect(res.text).toMatch(
      /<form\s+id="lead-form"\s+method="post"\s+action="\/leads"\s+enctype="multipart\/form-data"/,
    );
    expect(res.text).toContain('We advise &#60;employees&#62; &#38; executives.');
    expect(res.text).toContain('href="https://finch.example/privacy?from=form&#38;x=1"');
    expect(res.text).toContain('One of our attorneys will contact you within one business day.');
    expect(res.text).toContain('href="mailto:intake@finch.example"');
    expect(res.text).toContain('href="tel:+12025550123"');
  });

  it('answers a browser’s submit with the thank-you page: reference, response time, contact', async () => {
    const res = await browserSubmit({
      ...person('<b>Jem</b>'),
      resume_kind: 'file',
      resume_url: '',
    }).attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers.vary).toMatch(/Accept/);
    const reference = REFERENCE.exec(res.text)?.[0];
    expect(reference).toBeDefined();
    expect(res.text).toContain('&#60;b&#62;Jem&#60;/b&#62;');
    expect(res.text).not.toContain('<b>Jem');
    expect(res.text).toContain('within one business day');
    expect(res.text).toContain('mailto:intake@finch.example');
    expect(res.text).toContain('Finch &#38; Partners');
    const found = await t
      .http()
      .get('/leads')
      .query({ q: reference })
      .auth(admin, { type: 'bearer' });
    expect(found.body).toHaveLength(1);
    expect(found.body[0]).toMatchObject({ first_name: '<b>Jem</b>', phone: null, message: null });
    expect(found.body[0].resume).toMatchObject({ filename: 'cv.pdf' });
  });

  it('takes the link when the form chose a link (and ignores a stale file)', async () => {
    const res = await browserSubmit({
      ...person('Linky'),
      phone: '(202) 555-0123',
      message: 'About my contract.\r\nThanks',
      resume_kind: 'url',
      resume_url: 'https://files.example.com/cv/linky.pdf',
    }).attach('resume', makePdf(), { filename: 'old.pdf', contentType: MIME.pdf });
    expect(res.status).toBe(201);
    const reference = REFERENCE.exec(res.text)?.[0] ?? 'none';
    const found = await t
      .http()
      .get('/leads')
      .query({ q: reference })
      .auth(admin, { type: 'bearer' });
    expect(found.body[0]).toMatchObject({
      resume: { url: 'https://files.example.com/cv/linky.pdf' },
      phone: '+12025550123',
      message: 'About my contract.\nThanks',
    });
  });

  it('answers invalid fields with a 400 page that says what is wrong and links back', async () => {
    const res = await browserSubmit({
      ...person('Bad'),
      email: 'not-an-email',
      phone: 'call me <maybe>',
      resume_kind: 'url',
      resume_url: 'https://files.example.com/cv.pdf',
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('Please check your details');
    expect(res.text).toContain('<li>Email must be a valid email address.</li>');
    expect(res.text).toMatch(/<li>Phone must be a valid phone number/);
    expect(res.text).toContain('<a href="/">');
    expect(res.text).not.toContain('"statusCode"');
  });

  it('answers a missing CV and a wrong file type with pages too', async () => {
    const missing = await browserSubmit({ ...person('Nocv'), resume_kind: 'file', resume_url: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('CV is required');
    const wrongType = await browserSubmit({ ...person('Zip'), resume_kind: 'file' }).attach(
      'resume',
      Buffer.from('just text, not a PDF'),
      { filename: 'cv.pdf', contentType: MIME.pdf },
    );
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(wrongType.text).toContain('<ul class="problems"');
  });

  it('keeps answering API clients in JSON exactly as before', async () => {
    const fields = { first_name: 'Api', last_name: 'Client', email: 'api.client@example.com' };
    for (const accept of ['*/*', 'application/json', 'application/json, text/html']) {
      const ok = await browserSubmit(fields, accept).attach('resume', makePdf(), {
        filename: 'cv.pdf',
        contentType: MIME.pdf,
      });
      expect(ok.status).toBe(201);
      expect(ok.headers['content-type']).toMatch(/^application\/json/);
      expect(ok.body.reference).toMatch(REFERENCE);
      const bad = await browserSubmit({ ...fields, email: 'nope' }, accept).attach(
        'resume',
        makePdf(),
        { filename: 'cv.pdf', contentType: MIME.pdf },
      );
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['email must be a valid email address'],
      });
    }
    // A JSON body is JSON whatever the Accept header says; the form's own fields are unknown to it.
    const json = await t
      .http()
      .post('/leads')
      .set('Accept', HTML)
      .send({ ...fields, resume: 'https://x.example/cv.pdf', resume_kind: 'url' });
    expect(json.status).toBe(400);
    expect(json.body.message).toEqual(['property resume_kind should not exist']);
  });

  it('thanks the prospect by e-mail in the firm’s name, with reference, response time and contact', async () => {
    const res = await browserSubmit({
      ...person('Mailme'),
      resume_kind: 'url',
      resume_url: 'https://files.example.com/cv.pdf',
    });
    const reference = REFERENCE.exec(res.text)?.[0] ?? 'none';
    const [ack] = await waitFor(
      () => (t.smtp.to('mailme@example.com').length ? t.smtp.to('mailme@example.com') : null),
      { what: 'acknowledgement' },
    );
    expect(ack.subject).toBe('Thank you for your submission — Finch & Partners');
    for (const body of [ack.text, ack.html]) {
      expect(body).toContain(reference);
      expect(body).toContain('within one business day');
      expect(body).toContain('intake@finch.example');
      expect(body).toContain('+1 202 555 0123');
    }
  });
});
