import { makePdf, MIME } from './support/documents';
import { startTestApp, validLead, type TestApp } from './support/test-app';

/**
 * What the public form mails and shows: names go back to the prospect in the firm's name, the CV
 * link goes to the attorneys. No web address in a name, nothing that renders as blank, no
 * user-info trick in a link. Every refusal is a 400 naming the field, and nothing is stored.
 */
describe('Public form text: names and résumé links (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const user = await t.http().post('/users').auth(admin, { type: 'bearer' }).send({
      email: 'names@firm.test',
      name: 'Names',
      password: 'names-password-12',
      role: 'attorney',
    });
    userId = (user.body as { id: string }).id;
  });
  afterAll(() => t.close());

  const leadCount = async () =>
    Number(
      (await t.http().get('/leads?limit=1').auth(admin, { type: 'bearer' })).headers[
        'x-total-count'
      ],
    );
  const multipart = (fields: Record<string, string>) => {
    const req = t.http().post('/leads');
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    return req.attach('resume', makePdf(), { filename: 'cv.pdf', contentType: MIME.pdf });
  };

  /** Each name field, through JSON and multipart, and a staff name: 400 with the field's message. */
  async function expectRefusedEverywhere(name: string, message: RegExp): Promise<void> {
    const before = await leadCount();
    for (const field of ['first_name', 'last_name']) {
      const { resume: _url, ...fields } = validLead({ [field]: name });
      for (const res of [
        await t
          .http()
          .post('/leads')
          .send(validLead({ [field]: name })),
        await multipart(fields),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.message).toHaveLength(1);
        expect(res.body.message[0]).toMatch(new RegExp(`^${field} ${message.source}`));
      }
    }
    const user = await t
      .http()
      .patch(`/users/${userId}`)
      .auth(admin, { type: 'bearer' })
      .send({ name });
    expect(user.status).toBe(400);
    expect(user.body.message[0]).toMatch(new RegExp(`^name ${message.source}`));
    expect(await leadCount()).toBe(before);
  }

  describe('web addresses', () => {
    it.each([
      ['a link with a scheme', 'Claim your refund at https://refund.example/claim'],
      ['a bare scheme separator', 'hxxps://evil'],
      ['www.', 'Visit WWW.evil'],
      ['a host name', 'Ada evil-bank.example'],
      ['a short host with a path', 't.co/refund'],
      ['user-info that looks like a bank', 'bank.example@evil.test'],
    ])('refuses %s in a name with 400', async (_what, name) => {
      await expectRefusedEverywhere(name, /must not contain a web address$/);
    });

    it.each([
      ['initials', 'J.R.R.', 'Tolkien'],
      ['an abbreviated last name', 'Atticus', 'F.'],
      ['a title with a space', 'St. John', 'Smith'],
      ['an apostrophe and a hyphen', "D'Arcy", 'Lloyd-Webber'],
    ])('still accepts %s', async (_what, first, last) => {
      const res = await t
        .http()
        .post('/leads')
        .send(validLead({ first_name: first, last_name: last }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ first_name: first, last_name: last });
    });
  });

  describe('invisible and blank-rendering characters', () => {
    it.each([
      ['U+3164 Hangul filler', 'Ada\u3164'],
      ['a name of Hangul fillers only', '\u3164\u3164'],
      ['U+115F Hangul choseong filler', '\u115FAda'],
      ['U+1160 Hangul jungseong filler', 'A\u1160da'],
      ['U+FFA0 halfwidth Hangul filler', 'Ada\uFFA0'],
      ['U+00AD soft hyphen', 'Love\u00ADlace'],
      ['U+2028 line separator', 'Ada\u2028Lovelace'],
      ['U+2029 paragraph separator', 'Ada\u2029Lovelace'],
      ['tag characters (U+E0041…)', 'Ada\u{E0041}\u{E0042}'],
      ['U+E007F cancel tag', 'Ada\u{E007F}'],
      ['U+200B zero-width space', 'A\u200Bda'],
      ['U+2060 word joiner', 'A\u2060da'],
      ['U+2064 invisible plus', 'A\u2064da'],
      ['U+180E Mongolian vowel separator', 'A\u180Eda'],
      ['U+034F combining grapheme joiner', 'A\u034Fda'],
      ['U+2800 braille blank', 'Ada\u2800'],
      ['U+061C Arabic letter mark', 'Ada\u061C'],
      ['U+FFF9 interlinear annotation anchor', 'Ada\uFFF9'],
    ])('refuses %s in a name with 400', async (_what, name) => {
      await expectRefusedEverywhere(
        name,
        /must not contain control, invisible or blank characters$/,
      );
    });

    it.each([
      ['an emoji sequence with ZWJ and a skin tone', '👩🏽‍💻', 'Zoë'],
      ['ZWNJ, which Persian needs', 'می‌خواهم', 'Nour'],
      ['an emoji with a variation selector', 'Ada ❤️', 'Lovelace'],
    ])('still accepts %s', async (_what, first, last) => {
      const res = await t
        .http()
        .post('/leads')
        .send(validLead({ first_name: first, last_name: last }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ first_name: first, last_name: last });
    });
  });

  describe('résumé links', () => {
    it.each([
      ['a host name as user-info', 'https://bank.example@evil.test/refund.pdf'],
      ['user and password', 'https://user:secret@files.example/cv.pdf'],
      ['an empty user-info', 'https://@evil.test/cv.pdf'],
      ['a backslash before the @', 'https://bank.example\\@evil.test/cv.pdf'],
    ])('refuses %s with 400 and stores nothing', async (_what, resume) => {
      const before = await leadCount();
      const res = await t.http().post('/leads').send(validLead({ resume }));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: [expect.stringMatching(/^resume must not contain a user name or password/)],
      });
      expect(await leadCount()).toBe(before);
    });

    it('still accepts an @ in the path or query of a link', async () => {
      const resume = 'https://files.example/cv/@ada/cv.pdf?by=ada@example.com';
      const res = await t.http().post('/leads').send(validLead({ resume }));
      expect(res.status).toBe(201);
      expect(res.body.resume).toEqual({ url: resume });
    });
  });
});
