import { gzipSync } from 'node:zlib';
import {
  CANARY,
  describeHostile,
  expectRefused,
  rawHttp,
  TOKEN_ROUTE,
} from '../support/hostile-battery';
import { ADMIN, validLead } from '../support/test-app';

/**
 * Hostile input, request parsing: bodies that are not JSON, or not what their Content-Type and
 * Content-Encoding say. The battery and its invariants: test/support/hostile-battery.ts.
 */
describeHostile('Hostile input: parsing (e2e)', { leadsMadeOnPurpose: false }, (battery) => {
  const { http, bearer, submitJson, submitToken } = battery;

  describe('malformed JSON', () => {
    const bodies: Array<[string, string]> = [
      ['a truncated document', '{"first_name":"Ada","last_name":'],
      ['single quotes', "{'first_name': 'Ada'}"],
      ['a trailing comma', '{"first_name":"Ada",}'],
      ['two documents', '{"first_name":"Ada"}{"last_name":"Lovelace"}'],
      ['NaN', '{"first_name":NaN}'],
      ['a raw NUL inside a string', '{"first_name":"A\u0000da"}'],
      ['an unterminated string', '{"first_name":"Ada'],
      ['a bare string', '"Ada Lovelace"'],
      ['a bare number', '42'],
      ['null', 'null'],
      ['binary garbage', '\u00ff\u00fe\u0000{\u0001'],
      [
        'a password followed by garbage',
        `{"email":"x@firm.test","password":"${CANARY}" "role" "admin"}`,
      ],
      // The parser's own message would quote these: "…"password":canary-Pas"… is not valid JSON".
      ['an unquoted password', `{"email":"x@firm.test","password":${CANARY}}`],
      ['garbage before a password', `{"password":x"${CANARY}"}`],
    ];

    it.each(bodies)('refuses %s on POST /leads with 400', async (_what, body) => {
      expectRefused(await submitJson(body), 400);
    });

    it.each(bodies)('refuses %s on PUT /leads/{id} with 400', async (_what, body) => {
      const res = await bearer(http().put(`/leads/${battery.pendingLead.id}`))
        .set('Content-Type', 'application/json')
        .send(body);
      expectRefused(res, 400);
    });

    it.each(bodies)('refuses %s on POST /users with 400', async (_what, body) => {
      const res = await bearer(http().post('/users'))
        .set('Content-Type', 'application/json')
        .send(body);
      expectRefused(res, 400);
    });

    it.each(bodies)('refuses %s on POST /auth/token with an RFC 6749 400', async (_what, body) => {
      const res = await submitToken(body);
      expectRefused(res, 400, TOKEN_ROUTE);
      expect(res.body.error).toBe('invalid_request');
    });

    it.each([
      ['an empty body', ''],
      ['an empty array', '[]'],
      ['an array of leads', JSON.stringify([validLead(), validLead()])],
      ['an empty object', '{}'],
    ])('refuses %s on POST /leads with 400', async (_what, body) => {
      expectRefused(await submitJson(body), 400);
    });
  });

  describe('wrong content types and encodings', () => {
    const lead = () => JSON.stringify(validLead());

    it.each([
      ['text/plain'],
      ['application/xml'],
      ['text/html'],
      ['application/x-www-form-urlencoded'],
      ['application/json-patch+json'],
      ['application/octet-stream'],
    ])('refuses a lead sent as %s with 415', async (type) => {
      expectRefused(await submitJson(lead(), type), 415);
    });

    it('refuses a lead sent with no Content-Type at all with 415', async () => {
      const body = lead();
      const res = await rawHttp(
        battery.port,
        `POST /leads HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${Buffer.byteLength(body)}` +
          `\r\nConnection: close\r\n\r\n${body}`,
      );
      expectRefused(res, 415);
    });

    it('refuses UTF-8 bytes labelled charset=utf-16 with 400', async () => {
      expectRefused(await submitJson(lead(), 'application/json; charset=utf-16'), 400);
    });

    it.each(['latin1', 'iso-8859-1', 'koi8-r', 'x-unknown'])(
      'refuses charset=%s with 415',
      async (charset) => {
        expectRefused(await submitJson(lead(), `application/json; charset=${charset}`), 415);
      },
    );

    it('refuses a body that claims gzip but is not with 400', async () => {
      const res = await http()
        .post('/leads')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send(lead());
      expectRefused(res, 400);
    });

    it('refuses a gzip bomb (100 KB on the wire, 10 MB inflated) with 413', async () => {
      const bomb = gzipSync(Buffer.from(`{"first_name":"${'a'.repeat(10_000_000)}"}`));
      expect(bomb.length).toBeLessThan(100_000);
      const res = await http()
        .post('/leads')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((data: unknown) => data as string)
        .send(bomb as never);
      expectRefused(res, 413);
    });

    it.each(['compress', 'br;q=1', 'identity, x-evil'])(
      'refuses Content-Encoding %s with 415',
      async (encoding) => {
        const res = await http()
          .post('/leads')
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .send(lead());
        expectRefused(res, 415);
      },
    );

    it('refuses a state change sent as text/plain with 400 and leaves the lead alone', async () => {
      const res = await bearer(http().put(`/leads/${battery.pendingLead.id}`))
        .set('Content-Type', 'text/plain')
        .send('{"state":"REACHED_OUT"}');
      expectRefused(res, 400);
      expect((await bearer(http().get(`/leads/${battery.pendingLead.id}`))).body.state).toBe(
        'PENDING',
      );
    });

    it.each([
      ['application/json', JSON.stringify({ grant_type: 'password', ...ADMIN })],
      ['text/plain', `grant_type=password&username=${ADMIN.email}&password=${CANARY}`],
      ['multipart/form-data; boundary=x', '--x--\r\n'],
    ])('refuses a token request sent as %s with invalid_request', async (type, body) => {
      const res = await submitToken(body, type);
      expectRefused(res, 400, TOKEN_ROUTE);
      expect(res.body.error).toBe('invalid_request');
    });

    it.each([
      ['no boundary', 'multipart/form-data', 'garbage'],
      [
        'a truncated body',
        'multipart/form-data; boundary=XX',
        '--XX\r\nContent-Disposition: form-data; name="first_name"\r\n\r\nAda',
      ],
      [
        'a malformed part header',
        'multipart/form-data; boundary=XX',
        '--XX\r\nContent-Disp\r\n\r\nAda\r\n--XX--\r\n',
      ],
      ['no parts at all', 'multipart/form-data; boundary=XX', '--XX--\r\n'],
    ])('refuses a multipart body with %s with 400', async (_what, type, body) => {
      expectRefused(await submitJson(body, type), 400);
    });
  });
});
