import { randomUUID } from 'node:crypto';
import type { Response } from 'superagent';
import {
  EXE_BYTES,
  makeDoc,
  makeDocx,
  makePdf,
  makeZip,
  MIME,
  PNG_BYTES,
} from './support/documents';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Reads a supertest response body as raw bytes whatever its content type. */
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('Public edge: uploads and idempotency (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ RESUME_MAX_BYTES: String(5 * 1024 * 1024) });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, filename: string, contentType: string, fields = validLead()) => {
    const req = t.http().post('/leads');
    for (const name of ['first_name', 'last_name', 'email'] as const) req.field(name, fields[name]);
    return req.attach('resume', file, { filename, contentType });
  };
  const download = (id: string) =>
    t.http().get(`/leads/${id}/resume`).auth(admin, { type: 'bearer' }).buffer(true).parse(binary);
  const leadCount = async () =>
    Number(
      (await t.http().get('/leads?limit=1').auth(admin, { type: 'bearer' })).headers[
        'x-total-count'
      ],
    );

  describe('multipart résumé upload', () => {
    it.each([
      ['PDF', makePdf('Ada Lovelace'), 'Ada CV.pdf', MIME.pdf],
      ['DOCX', makeDocx('Ada Lovelace'), 'ada.docx', MIME.docx],
      ['DOC', makeDoc(), 'ada.doc', MIME.doc],
    ])(
      'stores a real %s and serves it back byte-identical',
      async (_kind, bytes, filename, type) => {
        const res = await upload(bytes, filename, type);
        expect(res.status).toBe(201);
        expect(res.body.resume).toEqual({
          filename,
          content_type: type,
          size: bytes.length,
          download_url: `/leads/${res.body.id}/resume`,
        });
        const file = await download(res.body.id);
        expect(file.status).toBe(200);
        expect(file.headers['content-type']).toBe(type);
        expect(file.headers['x-content-type-options']).toBe('nosniff');
        expect(file.headers['content-disposition']).toMatch(/^attachment; filename="/);
        expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0);
      },
    );

    it('shows the file metadata in the list and in the detail', async () => {
      const { body: lead } = await upload(makePdf(), 'cv.pdf', MIME.pdf);
      const list = await t.http().get('/leads?limit=100').auth(admin, { type: 'bearer' });
      const listed = list.body.find((l: { id: string }) => l.id === lead.id);
      expect(listed.resume.download_url).toBe(`/leads/${lead.id}/resume`);
      const detail = await t.http().get(`/leads/${lead.id}`).auth(admin, { type: 'bearer' });
      expect(detail.body.resume.filename).toBe('cv.pdf');
    });

    it('emails the attorneys that the CV is attached to the lead', async () => {
      const fields = validLead({ first_name: 'Upload', last_name: 'Notice' });
      expect((await upload(makePdf(), 'cv.pdf', MIME.pdf, fields)).status).toBe(201);
      const notice = await waitFor(() =>
        t.smtp.messages.find((m) => m.subject === 'New lead: Upload Notice'),
      );
      expect(notice.text).toContain('attached to the lead');
    });

    it.each([
      ['a PNG named .pdf', PNG_BYTES, 'cv.pdf', MIME.pdf],
      ['an executable named .pdf', EXE_BYTES, 'cv.pdf', MIME.pdf],
      ['a PDF declared as DOCX', makePdf(), 'cv.pdf', MIME.docx],
      ['a PDF named .docx', makePdf(), 'cv.docx', MIME.pdf],
      ['a DOCX declared as PDF', makeDocx(), 'cv.pdf', MIME.pdf],
      [
        'a ZIP that is not a Word document, named and declared DOCX',
        makeZip({ 'xl/workbook.xml': '<workbook/>', '[Content_Types].xml': '<Types/>' }),
        'cv.docx',
        MIME.docx,
      ],
      ['plain text', Buffer.from('hello'), 'cv.txt', 'text/plain'],
    ])('refuses %s with 415 and stores nothing', async (_what, bytes, filename, type) => {
      const before = await leadCount();
      const res = await upload(bytes, filename, type);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
      expect(await leadCount()).toBe(before);
    });

    it('refuses a 6 MiB file with 413 and stores nothing', async () => {
      const before = await leadCount();
      const big = Buffer.concat([makePdf(), Buffer.alloc(6 * 1024 * 1024)]);
      const res = await upload(big, 'big.pdf', MIME.pdf);
      expect(res.status).toBe(413);
      expect(res.body.statusCode).toBe(413);
      expect(await leadCount()).toBe(before);
    });

    it('refuses a submit with neither a file nor a URL with 400', async () => {
      const { resume: _resume, ...noResume } = validLead();
      const json = await t.http().post('/leads').send(noResume);
      expect(json.status).toBe(400);
      expect(json.body.message).toEqual(['resume is required: an http(s) URL or a file']);
      const form = await t
        .http()
        .post('/leads')
        .field('first_name', 'A')
        .field('last_name', 'B')
        .field('email', 'a@b.example');
      expect(form.status).toBe(400);
    });

    it('refuses a file and a URL together, and a file under another field name, with 400', async () => {
      const both = await upload(makePdf(), 'cv.pdf', MIME.pdf).field(
        'resume',
        'https://x.example/cv.pdf',
      );
      expect(both.status).toBe(400);
      const other = await t
        .http()
        .post('/leads')
        .field('first_name', 'A')
        .field('last_name', 'B')
        .field('email', 'a@b.example')
        .attach('cv', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
      expect(other.status).toBe(400);
    });

    it('validates the text fields of a multipart submit like JSON ones', async () => {
      const res = await upload(makePdf(), 'cv.pdf', MIME.pdf, validLead({ email: 'nope' }));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('email must be a valid email address');
    });

    it('answers 404 for the résumé of a URL-only lead and of an unknown lead', async () => {
      const { body: lead } = await t.http().post('/leads').send(validLead());
      const urlOnly = await t
        .http()
        .get(`/leads/${lead.id}/resume`)
        .auth(admin, { type: 'bearer' });
      expect(urlOnly.status).toBe(404);
      const unknown = await t
        .http()
        .get(`/leads/${randomUUID()}/resume`)
        .auth(admin, { type: 'bearer' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('Lead not found');
    });

    it('requires a staff token to download', async () => {
      const { body: lead } = await upload(makePdf(), 'cv.pdf', MIME.pdf);
      expect((await t.http().get(`/leads/${lead.id}/resume`)).status).toBe(401);
    });

    it('refuses other body encodings with 415', async () => {
      const res = await t
        .http()
        .post('/leads')
        .set('Content-Type', 'text/plain')
        .send('first_name=Ada');
      expect(res.status).toBe(415);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first lead for 10 sequential replays and sends one pair of emails', async () => {
      const key = randomUUID();
      const body = validLead();
      const answers = [];
      for (let i = 0; i < 10; i++)
        answers.push(await t.http().post('/leads').set('Idempotency-Key', key).send(body));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(answers.slice(1).every((a) => a.headers['idempotent-replayed'] === 'true')).toBe(true);
      await waitFor(
        () =>
          t.smtp.to(body.email).length === 1 &&
          t.smtp.messages.some(
            (m) => m.text.includes(body.email) && m.to.includes('intake@firm.test'),
          ),
      );
      // Later submits' emails prove the mail pipeline has moved past this lead's.
      const { body: marker } = await t.http().post('/leads').send(validLead());
      await waitFor(() => t.smtp.to(marker.email).length === 1);
      expect(t.smtp.to(body.email)).toHaveLength(1);
      expect(
        t.smtp.messages.filter(
          (m) => m.to.includes('intake@firm.test') && m.text.includes(body.email),
        ),
      ).toHaveLength(1);
    });

    it('creates one lead when 10 requests with one key race', async () => {
      const key = randomUUID();
      const body = validLead();
      const before = await leadCount();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http().post('/leads').set('Idempotency-Key', key).send(body),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await leadCount()).toBe(before + 1);
      const { body: marker } = await t.http().post('/leads').send(validLead());
      await waitFor(() => t.smtp.to(marker.email).length === 1);
      expect(t.smtp.to(body.email)).toHaveLength(1);
    });

    it('replays a multipart upload with the same key and file', async () => {
      const key = randomUUID();
      const fields = validLead();
      const first = await upload(makePdf('same'), 'cv.pdf', MIME.pdf, fields).set(
        'Idempotency-Key',
        key,
      );
      const again = await upload(makePdf('same'), 'cv.pdf', MIME.pdf, fields).set(
        'Idempotency-Key',
        key,
      );
      expect(again.body.id).toBe(first.body.id);
      const other = await upload(makePdf('different'), 'cv.pdf', MIME.pdf, fields).set(
        'Idempotency-Key',
        key,
      );
      expect(other.status).toBe(422);
    });

    it('answers 422 for the same key with a different body and keeps the first lead', async () => {
      const key = randomUUID();
      const first = await t.http().post('/leads').set('Idempotency-Key', key).send(validLead());
      const second = await t
        .http()
        .post('/leads')
        .set('Idempotency-Key', key)
        .send(validLead({ first_name: 'Other' }));
      expect(second.status).toBe(422);
      expect(second.body.message).toMatch(/different request/);
      const detail = await t.http().get(`/leads/${first.body.id}`).auth(admin, { type: 'bearer' });
      expect(detail.body.first_name).toBe('Ada');
    });

    it('treats requests without a key as distinct leads', async () => {
      const body = validLead();
      const a = await t.http().post('/leads').send(body);
      const b = await t.http().post('/leads').send(body);
      expect(a.body.id).not.toBe(b.body.id);
    });
  });
});
