import { TransactionRunner } from '../src/database/transaction-runner';
import { randomUUID } from 'node:crypto';
import { TtlCache } from '../src/common/ttl-cache';
import { SQLITE_SEARCH_TABLE } from '../src/database/dialect';
import { makePdf, MIME } from './support/documents';
import { usingPostgres } from './support/postgres';
import { startTestApp, validLead, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

describe('Leads (e2e)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const submit = (body: Record<string, unknown>) => t.http().post('/leads').send(body);

  describe('POST /leads', () => {
    it('stores a lead and answers 201 with Location and the public view of the lead', async () => {
      const res = await submit(
        validLead({ email: '  Grace.Hopper@Example.COM ', first_name: ' Grace ' }),
      );
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/leads/${res.body.id}`);
      // Only what the prospect sent and where it stands: nothing staff-only.
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reference: expect.stringMatching(/^L-[0-9A-HJKMNP-TV-Z]{6}$/),
        first_name: 'Grace',
        last_name: 'Lovelace',
        email: 'grace.hopper@example.com',
        state: 'PENDING',
        resume: { url: 'https://files.example.com/cv/ada.pdf' },
        created_at: expect.any(String),
      });
      const staff = await t.http().get(`/leads/${res.body.id}`).auth(admin, { type: 'bearer' });
      expect(staff.body).toMatchObject({ reached_out_at: null, reached_out_by: null });
    });

    it('stores and mails the email of a multipart submit lower-cased', async () => {
      const res = await t
        .http()
        .post('/leads')
        .field('first_name', 'Katherine')
        .field('last_name', 'Johnson')
        .field('email', '  Katherine.JOHNSON@NASA.Example ')
        .attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
      expect(res.status).toBe(201);
      expect(res.body.email).toBe('katherine.johnson@nasa.example');
      const stored = await t.http().get(`/leads/${res.body.id}`).auth(admin, { type: 'bearer' });
      expect(stored.body.email).toBe('katherine.johnson@nasa.example');
      const ack = await waitFor(
        () =>
          t.smtp.messages.find(
            (m) =>
              m.headers.get('x-lead-id') === res.body.id &&
              m.headers.get('x-notification') === 'lead-acknowledgement',
          ),
        { what: 'acknowledgement' },
      );
      // The header as sent, not the sink's lower-cased envelope.
      expect((ack.headers.get('to') as { text: string }).text).toBe(
        'katherine.johnson@nasa.example',
      );
    });

    it('emails the prospect and the attorneys with the lead details', async () => {
      const lead = validLead({ first_name: 'Marie', last_name: 'Curie' });
      const res = await submit(lead);
      expect(res.status).toBe(201);
      const [ack] = await waitFor(
        () => (t.smtp.to(lead.email).length ? t.smtp.to(lead.email) : null),
        {
          what: 'acknowledgement',
        },
      );
      expect(ack.subject).toBe('Thank you for your submission — Lead Intake');
      expect(ack.text).toContain('Marie Curie');
      expect(ack.html).toContain('Marie Curie');
      const notice = await waitFor(() =>
        t.smtp.to('intake@firm.test').find((m) => m.subject === 'New lead: Marie Curie'),
      );
      expect(notice.text).toContain(lead.email);
      expect(notice.text).toContain(`http://leads.firm.test/admin?lead=${res.body.id}`);
      expect(notice.html).toContain(lead.resume);
    });

    it('escapes names and the résumé link in the HTML parts of both emails, not in the text', async () => {
      const lead = validLead({
        first_name: '<b>Bold</b> & Co',
        // No double quote: another test here expects no lead to hold one.
        last_name: "O'Hara",
        resume: 'https://files.example.com/cv?name=o-hara&format=pdf',
      });
      const res = await submit(lead);
      expect(res.status).toBe(201);
      const ack = await waitFor(() => t.smtp.to(lead.email)[0], { what: 'acknowledgement' });
      const notice = await waitFor(
        () => t.smtp.to('intake@firm.test').find((m) => m.headers.get('x-lead-id') === res.body.id),
        { what: 'attorney notice' },
      );
      for (const mail of [ack, notice]) {
        expect(mail.html).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; Co O&#x27;Hara');
        expect(mail.html).not.toContain('<b>');
        expect(mail.text).toContain(`<b>Bold</b> & Co O'Hara`);
      }
      expect(notice.html).toContain(
        '<a href="https://files.example.com/cv?name&#x3D;o-hara&amp;format&#x3D;pdf">',
      );
    });

    it.each([
      ['a missing first name', { first_name: undefined }, 'first_name is required'],
      ['an empty last name', { last_name: '   ' }, 'last_name must be longer than or equal to 1'],
      ['a 101-character name', { first_name: 'x'.repeat(101) }, 'first_name must be shorter'],
      [
        'a CR/LF in a name',
        { first_name: 'Eve\r\nBcc: victim@example.com' },
        'first_name must not contain control',
      ],
      ['an invalid email', { email: 'not-an-email' }, 'email must be a valid email address'],
      ['a non-http résumé URL', { resume: 'javascript:alert(1)' }, 'resume must be an http(s) URL'],
      ['an unknown field', { admin: true }, 'property admin should not exist'],
      ['a number as a name', { first_name: 42 }, 'first_name must be a string'],
    ])('rejects %s with 400 and says which field', async (_what, change, problem) => {
      const before = await t.http().get('/leads?limit=1').auth(admin, { type: 'bearer' });
      const res = await submit(validLead(change));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      // One problem, the one that matters, not every rule the value breaks.
      expect(res.body.message).toEqual([expect.stringContaining(problem)]);
      const after = await t.http().get('/leads?limit=1').auth(admin, { type: 'bearer' });
      expect(after.headers['x-total-count']).toBe(before.headers['x-total-count']);
    });

    it.each([
      ['{"first_name":', 'Malformed JSON body'],
      ['null', 'JSON body must be an object'],
      ['"Ada Lovelace"', 'JSON body must be an object'],
      ['42', 'JSON body must be an object'],
    ])('rejects the body %s with a JSON 400 saying why', async (body, message) => {
      const res = await t.http().post('/leads').set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });
  });

  describe('GET /leads', () => {
    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        await submit(validLead({ first_name: `Page${i}`, last_name: 'Tester' }));
      }
    });

    it('requires a bearer token', async () => {
      const res = await t.http().get('/leads');
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('lists newest first with X-Total-Count and Link headers', async () => {
      const res = await t
        .http()
        .get('/leads?limit=2&offset=2&q=tester')
        .auth(admin, { type: 'bearer' });
      expect(res.status).toBe(200);
      expect(res.headers['x-total-count']).toBe('5');
      expect(res.body.map((l: { first_name: string }) => l.first_name)).toEqual(['Page2', 'Page1']);
      expect(res.headers.link).toContain('</leads?q=tester&limit=2&offset=4>; rel="next"');
      expect(res.headers.link).toContain('</leads?q=tester&limit=2&offset=0>; rel="prev"');
    });

    describe('X-Total-Count of a first page (a count is asked for only when the page is full)', () => {
      // Three leads only this block's searches find.
      const family = `Quorra${Math.random()
        .toString(36)
        .replace(/[^a-z]/g, '')}`;
      let counts: jest.SpyInstance;

      beforeAll(async () => {
        for (let i = 0; i < 3; i++) {
          expect(
            (await submit(validLead({ first_name: `Count${i}`, last_name: family }))).status,
          ).toBe(201);
        }
      });
      beforeEach(() => {
        // Every total the service asks for goes through its TtlCache, cached or not.
        counts = jest.spyOn(TtlCache.prototype, 'get');
      });
      afterEach(() => counts.mockRestore());

      const page = (query: string) =>
        t.http().get(`/leads?q=${family}&${query}`).auth(admin, { type: 'bearer' });
      const names = (res: { body: Array<{ first_name: string }> }) =>
        res.body.map((l) => l.first_name);

      it('counts a first page that is exactly full and has no next page', async () => {
        const res = await page('limit=3');
        expect(names(res)).toEqual(['Count2', 'Count1', 'Count0']);
        expect(res.headers['x-total-count']).toBe('3');
        expect(res.headers.link).toBeUndefined();
        expect(counts).toHaveBeenCalledTimes(1);
      });

      it('counts a full first page when more leads match, and links the next page', async () => {
        const res = await page('limit=2');
        expect(names(res)).toEqual(['Count2', 'Count1']);
        expect(res.headers['x-total-count']).toBe('3');
        expect(res.headers.link).toBe(`</leads?q=${family}&limit=2&offset=2>; rel="next"`);
      });

      it('answers a first page one short of full without asking for a count', async () => {
        const res = await page('limit=4');
        expect(names(res)).toEqual(['Count2', 'Count1', 'Count0']);
        expect(res.headers['x-total-count']).toBe('3');
        expect(res.headers.link).toBeUndefined();
        expect(counts).not.toHaveBeenCalled();
      });

      it('answers an empty first page with X-Total-Count 0 and no Link', async () => {
        const res = await t
          .http()
          .get(`/leads?q=${family}nobody&limit=5`)
          .auth(admin, { type: 'bearer' });
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
        expect(res.headers['x-total-count']).toBe('0');
        expect(res.headers.link).toBeUndefined();
        expect(counts).not.toHaveBeenCalled();
      });

      it('counts a later page that is not full instead of taking its length', async () => {
        const res = await page('limit=2&offset=2');
        expect(names(res)).toEqual(['Count0']);
        expect(res.headers['x-total-count']).toBe('3');
        expect(res.headers.link).toBe(`</leads?q=${family}&limit=2&offset=0>; rel="prev"`);
      });
    });

    it('searches name and email case-insensitively and treats % literally', async () => {
      const byName = await t.http().get('/leads?q=PAGE3').auth(admin, { type: 'bearer' });
      expect(byName.body.map((l: { first_name: string }) => l.first_name)).toEqual(['Page3']);
      const wildcard = await t.http().get('/leads?q=%25').auth(admin, { type: 'bearer' });
      expect(wildcard.status).toBe(200);
      expect(wildcard.body).toEqual([]);
    });

    it('finds a term anywhere in a name or the email, short terms and quotes included', async () => {
      const created = await submit(
        validLead({
          first_name: 'Zuzanna',
          last_name: 'Quixwell',
          email: 'z.quixwell+navy@cobol.test',
        }),
      );
      const ids = async (q: string): Promise<string[]> => {
        const res = await t
          .http()
          .get(`/leads?limit=100&q=${encodeURIComponent(q)}`)
          .auth(admin, { type: 'bearer' });
        expect(res.status).toBe(200);
        return res.body.map((l: { id: string }) => l.id);
      };
      expect(await ids('ixwe')).toEqual([created.body.id]);
      expect(await ids('COBOL')).toEqual([created.body.id]);
      expect(await ids('navy@cob')).toEqual([created.body.id]);
      expect(await ids('QU')).toContain(created.body.id); // under three characters: a scan
      expect(await ids('Quixwell"')).toEqual([]);
      expect(await ids('"')).toEqual([]);
      expect(await ids('Zuzanna Quixwell')).toEqual([created.body.id]); // a full name
      expect(await ids('Zuzanna Nobody')).toEqual([]); // every word must match
    });

    (usingPostgres() ? it.skip : it)('answers SQLite searches from the FTS5 index', async () => {
      const created = await submit(validLead({ first_name: 'Wilhelmina', last_name: 'Ostrander' }));
      const search = () => t.http().get('/leads?q=strand').auth(admin, { type: 'bearer' });
      expect((await search()).body.map((l: { id: string }) => l.id)).toEqual([created.body.id]);
      // Take the lead out of the index only: a search that no longer finds it read the index.
      // Through the runner: committed before the search reads (on its own connection).
      const commit = (sql: string, params: unknown[] = []) =>
        t.app.get(TransactionRunner).run((em) => em.query(sql, params));
      const [row] = (await commit('SELECT rowid FROM leads WHERE id = ?', [
        created.body.id,
      ])) as Array<{ rowid: number }>;
      await commit(
        `INSERT INTO ${SQLITE_SEARCH_TABLE} (${SQLITE_SEARCH_TABLE}, rowid, search_text) ` +
          "VALUES ('delete', ?, ?)",
        [row.rowid, `wilhelmina ostrander ${created.body.email}`],
      );
      expect((await search()).body).toEqual([]);
      await commit(
        `INSERT INTO ${SQLITE_SEARCH_TABLE} (${SQLITE_SEARCH_TABLE}) VALUES ('rebuild')`,
      );
      expect((await search()).body.map((l: { id: string }) => l.id)).toEqual([created.body.id]);
    });

    it.each([
      'limit=0',
      'limit=101',
      'limit=abc',
      'offset=-1',
      'state=DONE',
      'limit=1&limit=2',
      'sort=x',
    ])('rejects the bad query %s with 400', async (query) => {
      const res = await t.http().get(`/leads?${query}`).auth(admin, { type: 'bearer' });
      expect(res.status).toBe(400);
      expect(res.body.statusCode).toBe(400);
    });
  });

  describe('GET and PUT /leads/{id}', () => {
    it('marks a lead reached out once, records who and when, and keeps one history entry', async () => {
      const { body: lead } = await submit(validLead());
      const first = await t
        .http()
        .put(`/leads/${lead.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ state: 'REACHED_OUT' });
      expect(first.status).toBe(200);
      expect(first.body.state).toBe('REACHED_OUT');
      expect(first.body.reached_out_by).toMatchObject({ email: 'admin@firm.test' });
      expect(first.body.reached_out_at).toEqual(expect.any(String));

      const again = await t
        .http()
        .put(`/leads/${lead.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ state: 'REACHED_OUT' });
      expect(again.status).toBe(200);
      expect(again.body.reached_out_at).toBe(first.body.reached_out_at);

      const detail = await t.http().get(`/leads/${lead.id}`).auth(admin, { type: 'bearer' });
      expect(detail.status).toBe(200);
      expect(detail.body.history).toHaveLength(1);
      expect(detail.body.history[0]).toMatchObject({
        from: 'PENDING',
        to: 'REACHED_OUT',
        by: { email: 'admin@firm.test' },
      });
    });

    it('rejects REACHED_OUT → PENDING with 409 and leaves the lead as it was', async () => {
      const { body: lead } = await submit(validLead());
      await t
        .http()
        .put(`/leads/${lead.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ state: 'REACHED_OUT' });
      const res = await t
        .http()
        .put(`/leads/${lead.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ state: 'PENDING' });
      expect(res.status).toBe(409);
      const detail = await t.http().get(`/leads/${lead.id}`).auth(admin, { type: 'bearer' });
      expect(detail.body.state).toBe('REACHED_OUT');
    });

    it('answers 404 "Lead not found" for an unknown id and 400 for a malformed one', async () => {
      const unknown = await t.http().get(`/leads/${randomUUID()}`).auth(admin, { type: 'bearer' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('Lead not found');
      const put = await t
        .http()
        .put(`/leads/${randomUUID()}`)
        .auth(admin, { type: 'bearer' })
        .send({ state: 'REACHED_OUT' });
      expect(put.status).toBe(404);
      const malformed = await t.http().get('/leads/not-a-uuid').auth(admin, { type: 'bearer' });
      expect(malformed.status).toBe(400);
    });

    it('rejects an unknown state with 400', async () => {
      const { body: lead } = await submit(validLead());
      const res = await t
        .http()
        .put(`/leads/${lead.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ state: 'WON' });
      expect(res.status).toBe(400);
    });
  });
});
