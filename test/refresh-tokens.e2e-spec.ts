import request from 'supertest';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

describe('Refresh tokens (RFC 6749 §6) (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Access tokens live 2 s here, so a session outlives several of them within the test.
    t = await startTestApp({ JWT_EXPIRES_IN: '2s', SESSION_IDLE_TIMEOUT: '1h' });
  });
  afterAll(() => t.close());

  const signIn = async (): Promise<Tokens> => {
    const res = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(200);
    return res.body as Tokens;
  };
  const refresh = (refreshToken: string) =>
    t
      .http()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const me = (token: string) => t.http().get('/users/me').auth(token, { type: 'bearer' });

  it('keeps a session working past the access token’s lifetime', async () => {
    const first = await signIn();
    expect(first.refresh_token).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
    await waitFor(async () => (await me(first.access_token)).status === 401, {
      timeoutMs: 10_000,
      what: 'the first access token to expire',
    });
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const next = res.body as Tokens;
    expect(next).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 2,
      refresh_token: expect.any(String),
    });
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await me(next.access_token)).status).toBe(200);
  });

  it('refuses a used refresh token with invalid_grant, and ends the session it belongs to', async () => {
    const first = await signIn();
    const second = (await refresh(first.refresh_token)).body as Tokens;
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    // Used twice means copied: the thief's and the owner's later tokens die with the session.
    expect((await refresh(second.refresh_token)).body.error).toBe('invalid_grant');
    expect((await me(second.access_token)).status).toBe(401);
  });

  it('ends the whole session when either of its tokens is revoked', async () => {
    const byAccess = await signIn();
    await t.http().post('/auth/revoke').type('form').send({ token: byAccess.access_token });
    expect((await refresh(byAccess.refresh_token)).body.error).toBe('invalid_grant');

    const byRefresh = await signIn();
    await t.http().post('/auth/revoke').type('form').send({ token: byRefresh.refresh_token });
    expect((await me(byRefresh.access_token)).status).toBe(401);
    expect((await refresh(byRefresh.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('refreshes from the HttpOnly cookie when the page sends no refresh_token (a new tab)', async () => {
    const browser = request.agent(t.app.getHttpServer());
    const signedIn = await browser
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: ADMIN.email, password: ADMIN.password });
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('lead_intake_refresh='),
    );
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/auth/);
    const tab = await browser
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'refresh_token' });
    expect(tab.status).toBe(200);
    expect((await me((tab.body as Tokens).access_token)).status).toBe(200);
    // Sign-out clears it: the next tab is signed out.
    await browser
      .post('/auth/revoke')
      .type('form')
      .send({ token: (tab.body as Tokens).access_token });
    const after = await browser
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'refresh_token' });
    expect(after.status).toBe(400);
    expect(after.body.error).toBe('invalid_request');
  });

  it('refuses a refresh grant without a token, and a malformed or unknown one', async () => {
    expect(
      (await t.http().post('/auth/token').type('form').send({ grant_type: 'refresh_token' })).body,
    ).toEqual({
      error: 'invalid_request',
      error_description: 'Missing parameter: refresh_token',
    });
    for (const token of [
      'garbage',
      `${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}.${'A'.repeat(43)}`,
    ]) {
      const res = await refresh(token);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
    }
  });

  it('refuses the refresh token of a user deactivated since', async () => {
    const admin = (await signIn()).access_token;
    const email = `leaving-${Date.now()}@firm.test`;
    const created = await t
      .http()
      .post('/users')
      .auth(admin, { type: 'bearer' })
      .send({ email, name: 'Leaving Soon', password: 'leaving-password-1', role: 'attorney' });
    const theirs = (
      await t
        .http()
        .post('/auth/token')
        .type('form')
        .send({ grant_type: 'password', username: email, password: 'leaving-password-1' })
    ).body as Tokens;
    await t
      .http()
      .patch(`/users/${created.body.id as string}`)
      .auth(admin, { type: 'bearer' })
      .send({ active: false });
    expect((await refresh(theirs.refresh_token)).body.error).toBe('invalid_grant');
  });
});

describe('Refresh tokens after the idle timeout (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_TIMEOUT: '1s' });
  });
  afterAll(() => t.close());

  it('refuses a refresh token once the session sat unused longer than SESSION_IDLE_TIMEOUT', async () => {
    const signedIn = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'password', username: ADMIN.email, password: ADMIN.password });
    const idleFrom = Date.now();
    await waitFor(() => Date.now() - idleFrom > 1200, { what: 'the idle timeout to pass' });
    const res = await t
      .http()
      .post('/auth/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: signedIn.body.refresh_token as string });
    expect(res.body.error).toBe('invalid_grant');
  });
});
