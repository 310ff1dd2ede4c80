import type { Response } from 'superagent';
import { makePdf, MIME } from './support/documents';
import { startTestApp, validLead, type TestApp } from './support/test-app';

const BOUNDARY = '----lead-intake-boundary-7d3f';

/**
 * A multipart body written byte by byte, as a browser does: the file name's UTF-8 bytes raw in
 * the part header (`filenameParam` is the whole parameter, e.g. `filename="Résumé.pdf"`).
 */
function rawMultipart(filenameParam: string, fields = validLead()): Buffer {
  const parts: Buffer[] = [];
  for (const name of ['first_name', 'last_name', 'email'] as const) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${fields[name]}\r\n`,
        'utf8',
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="resume"; ${filenameParam}\r\n` +
        `Content-Type: ${MIME.pdf}\r\n\r\n`,
      'utf8',
    ),
    makePdf('Ada Lovelace'),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`, 'utf8'),
  );
  return Buffer.concat(parts);
}

/** The RFC 8187 `filename*` value, decoded; only attr-chars and %-escapes may appear in it. */
function extendedFilename(header: string): string {
  const match = /; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
  if (!match) throw new Error(`no valid filename* in: ${header}`);
  return decodeURIComponent(match[1]);
}

const drain = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Résumé file names in UTF-8 (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const upload = (filenameParam: string) =>
    t
      .http()
      .post('/leads')
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(rawMultipart(filenameParam));

  it.each([
    ['accents and an en dash', 'Résumé – Ada.pdf'],
    ['CJK', '履歴書 李小龍.pdf'],
    ['an emoji', 'CV 🦄 Zoë.pdf'],
    ['an apostrophe and parentheses', "O'Brien (final) CV.pdf"],
  ])('stores a name with %s sent raw, and serves it back exactly', async (_what, filename) => {
    const res = await upload(`filename="${filename}"`);
    expect(res.status).toBe(201);
    expect(res.body.resume.filename).toBe(filename);

    const detail = await t.http().get(`/leads/${res.body.id}`).auth(admin, { type: 'bearer' });
    expect(detail.body.resume.filename).toBe(filename);

    const file = await t
      .http()
      .get(`/leads/${res.body.id}/resume`)
      .auth(admin, { type: 'bearer' })
      .buffer(true)
      .parse(drain);
    expect(file.status).toBe(200);
    const disposition = String(file.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=/);
    expect(extendedFilename(disposition)).toBe(filename);
  });

  it('also takes the RFC 8187 form a few clients send', async () => {
    const res = await upload(`filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%93%20Ada.pdf`);
    expect(res.status).toBe(201);
    expect(res.body.resume.filename).toBe('Résumé – Ada.pdf');
  });

  it('gives old clients an ASCII stand-in for the name', async () => {
    const res = await upload('filename="Résumé – Ada.pdf"');
    const file = await t
      .http()
      .get(`/leads/${res.body.id}/resume`)
      .auth(admin, { type: 'bearer' })
      .buffer(true)
      .parse(drain);
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="R_sum_ _ Ada\.pdf";/,
    );
  });
});
