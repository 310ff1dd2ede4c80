import { makePdf } from '../support/documents';
import {
  describeHostile,
  expectNoLeak,
  expectRefused,
  formFields,
  TOKEN_ROUTE,
} from '../support/hostile-battery';
import { validLead } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Hostile input, stored text: names, emails, résumé URLs and filenames carrying unicode tricks,
 * markup, SQL and paths. Some are accepted on purpose and must come back exactly as sent.
 * The battery and its invariants: test/support/hostile-battery.ts.
 */
describeHostile('Hostile input: stored text (e2e)', { leadsMadeOnPurpose: true }, (battery) => {
  const { http, bearer, multipart, expectCreated, allLeads } = battery;

  describe('unicode in names', () => {
    it.each([
      ['emoji', '👩🏽‍💻 Zoë', 'Ñúñez 🦄'],
      ['accents and ligatures', 'Ådæ Œrsted-Łukasz', 'Ångström-Ça'],
      ['combining marks', 'Zoe\u0308', 'Andre\u0301'],
      ['right-to-left script', 'نور', 'עברית'],
      ['CJK', '李小龍', '山田'],
      ['joiners that scripts need (ZWJ, ZWNJ)', 'क्‍ष', 'می‌خواهم'],
      ['HTML-looking text', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>'],
      ['template-looking text', '{{lead_url}}', '{{#each this}}x{{/each}}'],
    ])('accepts %s and stores the name exactly', async (_what, first, last) => {
      const lead = expectCreated(
        await http()
          .post('/leads')
          .send(validLead({ first_name: first, last_name: last })),
      );
      expect(lead).toMatchObject({ first_name: first, last_name: last });
      const stored = await bearer(http().get(`/leads/${lead.id}`));
      expect(stored.body).toMatchObject({ first_name: first, last_name: last });
    });

    it.each([
      ['a right-to-left override (U+202E)', 'Ada\u202Eecalevol'],
      ['a left-to-right override (U+202D)', '\u202DAda'],
      ['a bidi isolate (U+2066)', 'Ada\u2066x\u2069'],
      ['a right-to-left mark (U+200F)', 'Ada\u200F'],
      ['a zero-width space (U+200B)', 'A\u200Bda'],
      ['a word joiner (U+2060)', 'A\u2060da'],
      ['a BOM inside the name (U+FEFF)', 'A\uFEFFda'],
      ['NUL', 'Ada\u0000'],
      ['a bell', 'Ada\u0007'],
      ['an ANSI escape', '\u001b[31mAda'],
      ['DEL', 'Ada\u007f'],
      ['NEL (U+0085)', 'Ada\u0085Bcc'],
      ['a tab', 'Ada\tLovelace'],
      ['CR LF with a Bcc header', 'Eve\r\nBcc: victim@example.com'],
      ['a bare LF', 'Eve\nSubject: hi'],
      ['a bare CR', 'Eve\rTo: victim@example.com'],
      ['a lone surrogate', 'Ada\ud800'],
    ])('refuses %s in a name with 400', async (_what, name) => {
      expectRefused(
        await http()
          .post('/leads')
          .send(validLead({ first_name: name })),
        400,
      );
      expectRefused(
        await http()
          .post('/leads')
          .send(validLead({ last_name: name })),
        400,
      );
      expectRefused(await multipart(formFields({ first_name: name })), 400);
      const user = await bearer(http().patch(`/users/${battery.attorneyId}`)).send({ name });
      expectRefused(user, 400);
    });

    it.each([
      'victim@example.com\r\nBcc: everyone@example.com',
      'victim@example.com\nBcc: everyone@example.com',
      'victim@example.com,everyone@example.com',
      'Victim <victim@example.com>',
      'victim@example.com\u0000',
      'a@b',
    ])('refuses the email %j with 400', async (email) => {
      expectRefused(await http().post('/leads').send(validLead({ email })), 400);
    });

    it.each([
      ['NUL', 'https://x.example/a\u0000b'],
      ['a right-to-left override', 'https://x.example/\u202Efdp.exe'],
    ])('refuses %s in a résumé URL with 400', async (_what, resume) => {
      expectRefused(await http().post('/leads').send(validLead({ resume })), 400);
    });

    it('refuses NUL in a sign-in username with invalid_request', async () => {
      const res = await http()
        .post('/auth/token')
        .type('form')
        .send('grant_type=password&username=admin%00%40firm.test&password=whatever-password');
      expectRefused(res, 400, '/auth/token');
      expect(res.body.error).toBe('invalid_request');
    });

    it('sent no mail to an injected recipient', () => {
      const injected = ['victim@example.com', 'everyone@example.com'];
      expect(
        battery.t.smtp.messages.filter((m) => m.to.some((to) => injected.includes(to))),
      ).toEqual([]);
    });
  });

  describe('HTML and script in names', () => {
    const first = '<script>alert(1)</script>';
    const last = '<img src=x onerror=alert(1)>"&\'';

    it('answers in JSON and escapes the names in both emails', async () => {
      const fields = validLead({ first_name: first, last_name: last });
      const res = await http().post('/leads').send(fields);
      const lead = expectCreated(res);
      expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(lead).toMatchObject({ first_name: first, last_name: last });

      const ack = await waitFor(() => battery.t.smtp.to(fields.email)[0], { what: 'ack' });
      const notice = await waitFor(
        () => battery.t.smtp.messages.find((m) => m.subject === `New lead: ${first} ${last}`),
        { what: 'attorney notice' },
      );
      for (const mail of [ack, notice]) {
        expect(mail.html).not.toContain('<script');
        expect(mail.html).not.toContain('<img');
        expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(mail.html).toMatch(/&lt;img src(=|&#x3D;)x onerror(=|&#x3D;)alert\(1\)&gt;/);
        // The plain-text part is not HTML: it carries the name as it is.
        expect(mail.text).toContain(`${first} ${last}`);
      }
    });

    it('refuses a résumé URL that is script or breaks out of an attribute', async () => {
      for (const resume of [
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'https://x.example"><script>alert(1)</script>',
        'vbscript:msgbox(1)',
      ]) {
        expectRefused(await http().post('/leads').send(validLead({ resume })), 400);
      }
    });
  });

  describe('SQL meta-characters', () => {
    const names = [
      "'; DROP TABLE leads; --",
      '" OR 1=1 --',
      "Robert'); DROP TABLE users;--",
      '100% _under_ back\\slash',
      "O'Brien",
    ];
    const emails = [
      "o'brien+drop--table@example.com",
      '"\' or 1=1 --"@example.com',
      'percent%_under@example.com',
    ];

    it.each(names)('stores the name %j verbatim', async (name) => {
      const res = await http()
        .post('/leads')
        .send(validLead({ first_name: name, last_name: name }));
      const lead = expectCreated(res);
      const stored = await bearer(http().get(`/leads/${lead.id}`));
      expect(stored.body).toMatchObject({ first_name: name, last_name: name });
    });

    it.each(emails)('stores the email %j verbatim', async (email) => {
      const lead = expectCreated(await http().post('/leads').send(validLead({ email })));
      const stored = await bearer(http().get(`/leads/${lead.id}`));
      expect(stored.body.email).toBe(email.toLowerCase());
    });

    it.each([
      "'; DROP TABLE leads; --",
      '" OR 1=1 --',
      "' OR '1'='1",
      '%',
      '_',
      '\\',
      '%_%',
      "o'brien",
      '1; SELECT * FROM users',
    ])('searches q=%j literally (200, exactly the leads containing it)', async (q) => {
      const res = await bearer(http().get('/leads').query({ q, limit: 100 }));
      expect(res.status).toBe(200);
      expectNoLeak(res.text);
      // Search semantics: every word of q appears somewhere in the names or e-mail (any order).
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const expected = (await allLeads())
        .filter((l) => {
          const text = [l.first_name, l.last_name, l.email].join(' ').toLowerCase();
          return words.every((word) => text.includes(word));
        })
        .map((l) => l.id)
        .sort();
      expect((res.body as Array<{ id: string }>).map((l) => l.id).sort()).toEqual(expected);
    });

    it('still has its tables: leads, users and sign-in all work', async () => {
      expect((await bearer(http().get('/leads?limit=1'))).status).toBe(200);
      expect((await bearer(http().get('/users'))).status).toBe(200);
      await expect(battery.t.adminToken()).resolves.toEqual(expect.any(String));
    });

    it('refuses SQL in the sign-in form with invalid_grant', async () => {
      for (const username of ["admin@firm.test' --", "' OR 1=1 --", '" OR ""="']) {
        const res = await http()
          .post(TOKEN_ROUTE)
          .type('form')
          .send({ grant_type: 'password', username, password: "' OR '1'='1" });
        expectRefused(res, 400, TOKEN_ROUTE);
        expect(res.body.error).toBe('invalid_grant');
      }
    });
  });

  describe('path traversal in résumé filenames', () => {
    it.each([
      '../../etc/passwd.pdf',
      '..\\..\\windows\\system32\\cv.pdf',
      '/etc/passwd.pdf',
      '....//....//cv.pdf',
      '%2e%2e%2f%2e%2e%2fcv.pdf',
      '.htaccess.pdf',
      'cv".pdf',
    ])('stores %j without a path and serves it without one', async (filename) => {
      const lead = expectCreated(await multipart(formFields(), makePdf(), filename));
      const stored = (lead.resume as { filename: string }).filename;
      expect(stored).not.toMatch(/[/\\]/);
      expect(stored).not.toMatch(/^\./);
      expect(stored).not.toContain('..');

      const file = await bearer(http().get(`/leads/${lead.id}/resume`)).buffer(true);
      expect(file.status).toBe(200);
      const disposition = String(file.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[^"/\\]*"; filename\*=UTF-8''[^/\\]*$/);
      expect(decodeURIComponent(disposition.split("''")[1])).toBe(stored);
      expect(disposition).not.toContain('..');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
    });
  });
});
