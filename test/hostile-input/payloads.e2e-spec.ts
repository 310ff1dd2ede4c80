import {
  CANARY,
  describeHostile,
  expectRefused,
  formFields,
  leadJsonWith,
  nestedArrays,
  nestedObjects,
  PLANTED,
  pollutionPlanted,
  TOKEN_ROUTE,
} from '../support/hostile-battery';
import { ADMIN, validLead } from '../support/test-app';

/**
 * Hostile input, payloads: well-formed bodies that are too big, too deep, or carry
 * prototype-pollution keys. The battery and its invariants: test/support/hostile-battery.ts.
 */
describeHostile('Hostile input: payloads (e2e)', { leadsMadeOnPurpose: false }, (battery) => {
  const { http, bearer, submitJson, submitToken, multipart } = battery;

  describe('huge bodies', () => {
    const tenMegabytes = 'a'.repeat(10 * 1024 * 1024);

    it('refuses a JSON lead over the 100 KB limit with 413', async () => {
      expectRefused(await submitJson(leadJsonWith(`"padding":"${'x'.repeat(150_000)}"`)), 413);
    });

    it.each(['first_name', 'last_name', 'email', 'resume'])(
      'refuses a 10 MB string in %s with 413',
      async (field) => {
        expectRefused(
          await http()
            .post('/leads')
            .send(validLead({ [field]: tenMegabytes })),
          413,
        );
      },
    );

    it('refuses a 90 KB name (under the body limit) with 400', async () => {
      expectRefused(
        await http()
          .post('/leads')
          .send(validLead({ last_name: 'x'.repeat(90_000) })),
        400,
      );
    });

    it('refuses 10 MB on the staff routes with 413', async () => {
      const put = await bearer(http().put(`/leads/${battery.pendingLead.id}`)).send({
        state: tenMegabytes,
      });
      expectRefused(put, 413);
      const user = await bearer(http().post('/users')).send({ name: tenMegabytes });
      expectRefused(user, 413);
      const patch = await bearer(http().patch(`/users/${battery.attorneyId}`)).send({
        name: tenMegabytes,
      });
      expectRefused(patch, 413);
    });

    it('refuses a 10 MB multipart text field with 413', async () => {
      expectRefused(await multipart(formFields({ first_name: tenMegabytes })), 413);
    });

    it('refuses a 5 KB multipart text field with 400', async () => {
      expectRefused(await multipart(formFields({ last_name: 'x'.repeat(5000) })), 400);
    });

    it('refuses a token request over 16 KB, or with too many parameters, with 413', async () => {
      const big = await http()
        .post(TOKEN_ROUTE)
        .type('form')
        .send(`grant_type=password&username=a&password=${'x'.repeat(20_000)}`);
      expectRefused(big, 413, TOKEN_ROUTE);
      const many = Array.from({ length: 50 }, (_, i) => `p${i}=1`).join('&');
      const params = await http().post(TOKEN_ROUTE).type('form').send(many);
      expectRefused(params, 413, TOKEN_ROUTE);
    });

    it('refuses an over-long username or password with invalid_request', async () => {
      const res = await http()
        .post(TOKEN_ROUTE)
        .type('form')
        .send({ grant_type: 'password', username: ADMIN.email, password: 'x'.repeat(5000) });
      expectRefused(res, 400, TOKEN_ROUTE);
      expect(res.body.error).toBe('invalid_request');
    });
  });

  describe('deeply nested JSON', () => {
    const deep: Array<[string, string]> = [
      ['5 000 nested arrays', nestedArrays(5000)],
      ['5 000 nested objects', nestedObjects(5000)],
      ['40 nested arrays', nestedArrays(40)],
    ];

    it.each(deep)('refuses %s in an unknown field with 400', async (_what, value) => {
      expectRefused(await submitJson(leadJsonWith(`"extra":${value}`)), 400);
    });

    it.each(deep)('refuses %s in a known field with 400', async (_what, value) => {
      const lead = JSON.stringify(validLead({ first_name: '@@' })).replace('"@@"', value);
      expectRefused(await submitJson(lead), 400);
    });

    it.each(deep)('refuses %s as the whole body with 400', async (_what, value) => {
      expectRefused(await submitJson(value), 400);
    });

    it.each(deep)('refuses %s on the staff routes with 400', async (_what, value) => {
      const routes = [
        bearer(http().put(`/leads/${battery.pendingLead.id}`)),
        bearer(http().post('/users')),
        bearer(http().patch(`/users/${battery.attorneyId}`)),
      ];
      for (const req of routes) {
        expectRefused(
          await req.set('Content-Type', 'application/json').send(`{"state":${value}}`),
          400,
        );
      }
    });

    it.each(deep)('refuses %s at the token endpoint with invalid_request', async (_what, value) => {
      const res = await submitToken(`{"grant_type":${value}}`);
      expectRefused(res, 400, TOKEN_ROUTE);
    });
  });

  describe('prototype-pollution keys', () => {
    afterEach(() => expect(pollutionPlanted()).toBe(false));

    it.each([
      ['__proto__ at the top', `"__proto__":{"${PLANTED}":1}`],
      ['constructor.prototype at the top', `"constructor":{"prototype":{"${PLANTED}":1}}`],
      ['prototype at the top', `"prototype":{"${PLANTED}":1}`],
      ['__proto__ inside an unknown field', `"extra":{"__proto__":{"${PLANTED}":1}}`],
      ['__proto__ inside an array', `"extra":[{"__proto__":{"${PLANTED}":1}}]`],
    ])('refuses %s in a JSON lead with 400', async (_what, extra) => {
      expectRefused(await submitJson(leadJsonWith(extra)), 400);
    });

    it('refuses __proto__ inside a known field with 400', async () => {
      const lead = JSON.stringify(validLead({ first_name: '@@' })).replace(
        '"@@"',
        `{"__proto__":{"${PLANTED}":1}}`,
      );
      expectRefused(await submitJson(lead), 400);
    });

    it.each(['__proto__', 'constructor', 'prototype'])(
      'refuses %s in the staff JSON bodies with 400',
      async (key) => {
        const extra = `"${key}":{"${PLANTED}":1,"role":"admin"}`;
        const put = bearer(http().put(`/leads/${battery.pendingLead.id}`));
        const patch = bearer(http().patch(`/users/${battery.attorneyId}`));
        const post = bearer(http().post('/users'));
        for (const [req, body] of [
          [put, `{"state":"REACHED_OUT",${extra}}`],
          [patch, `{"name":"Atty",${extra}}`],
          [
            post,
            `{"email":"p@firm.test","name":"P","password":"${CANARY}","role":"attorney",${extra}}`,
          ],
        ] as const) {
          expectRefused(await req.set('Content-Type', 'application/json').send(body), 400);
        }
      },
    );

    it.each([
      `__proto__[${PLANTED}]=1`,
      '__proto__=1',
      `constructor[prototype][${PLANTED}]=1`,
      'constructor=1',
      'prototype=1',
      `__proto__.${PLANTED}=1`,
    ])('refuses the query %s with 400', async (query) => {
      expectRefused(await bearer(http().get(`/leads?${query}`)), 400);
    });

    it.each([
      `__proto__[${PLANTED}]`,
      '__proto__',
      `constructor[prototype][${PLANTED}]`,
      'prototype',
    ])('refuses the multipart field %s with 400', async (name) => {
      expectRefused(await multipart({ ...formFields(), [name]: '1' }), 400);
    });

    it.each([`__proto__[${PLANTED}]=1`, '__proto__=1', `constructor[prototype][${PLANTED}]=1`])(
      'signs nobody in with %s in the token form',
      async (extra) => {
        const res = await http()
          .post(TOKEN_ROUTE)
          .type('form')
          .send(`${extra}&grant_type=password&username=${ADMIN.email}&password=${CANARY}`);
        expectRefused(res, 400, TOKEN_ROUTE);
        expect(res.body.error).toBe('invalid_grant');
      },
    );

    it('refuses __proto__ as the grant fields themselves with invalid_request', async () => {
      const res = await http()
        .post(TOKEN_ROUTE)
        .type('form')
        .send('__proto__[grant_type]=password');
      expectRefused(res, 400, TOKEN_ROUTE);
    });
  });
});
