import { UnauthorizedException } from '@nestjs/common';

import type { User } from '../users/user.entity';
import type { AuthSession } from './auth-session.entity';
import type { AuthSessionsService } from './auth-sessions.service';
import type { JwtPayload } from './jwt-payload';
import { JwtStrategy } from './jwt.strategy';
import { TEST_AUTH_CONFIG } from '../../test/support/auth-config';

const AUTH = TEST_AUTH_CONFIG;

const SESSION_ID = '01900000-0000-7000-8000-000000005e55';

const user = (overrides: Partial<User>): User => ({
  id: '01900000-0000-7000-8000-000000000001',
  email: 'a.finch@firm.test',
  name: 'Atticus Finch',
  role: 'attorney',
  passwordHash: '$2b$04$not-a-real-hash-only-here-to-be-left-out-of-the-result',
  active: true,
  acceptsLeads: true,
  lastAssignedAt: null,
  tokenVersion: 3,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

/**
 * validate() is pure logic over the session (with its user) AuthSessionsService returns, so a
 * stand-in that returns the users below, each in a live session, is enough. Each refusal is tested with every other check passing: deactivation
 * also bumps the token version in production, and that bump alone would hide a missing `active`
 * check from any end-to-end test.
 */
describe('JwtStrategy.validate', () => {
  const stored = new Map<string, User>();
  const lookedUp: string[] = [];
  let revoked = false;
  const sessions = {
    // The session names its user: a token's `sub` is looked up through its `sid`.
    active: (sid: string): Promise<(AuthSession & { user: User }) | null> => {
      const subject = sid.slice(SESSION_ID.length + 1);
      lookedUp.push(subject);
      const u = stored.get(subject);
      if (!u || revoked) return Promise.resolve(null);
      return Promise.resolve({ id: sid, userId: u.id, user: u } as AuthSession & { user: User });
    },
  };
  const strategy = new JwtStrategy(AUTH, sessions as unknown as AuthSessionsService);

  const store = (u: User): User => {
    stored.set(u.id, u);
    return u;
  };
  const tokenOf = (u: User, ver = u.tokenVersion): JwtPayload => ({
    sub: u.id,
    role: u.role,
    ver,
    sid: `${SESSION_ID}:${u.id}`,
  });
  const refusal = (payload: JwtPayload) =>
    strategy.validate(payload).then(
      (accepted) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(accepted)}`);
      },
      (error: unknown) => error,
    );

  beforeEach(() => {
    stored.clear();
    lookedUp.length = 0;
    revoked = false;
  });

  it('accepts an active user whose token carries the current version, and returns only id, email, name and role', async () => {
    const u = store(user({}));
    await expect(strategy.validate(tokenOf(u))).resolves.toEqual({
      id: u.id,
      email: 'a.finch@firm.test',
      name: 'Atticus Finch',
      role: 'attorney',
    });
  });

  it('takes the role from the stored user, not from the token', async () => {
    const u = store(user({ role: 'attorney' }));
    const claimsAdmin: JwtPayload = { ...tokenOf(u), role: 'admin' };
    await expect(strategy.validate(claimsAdmin)).resolves.toMatchObject({ role: 'attorney' });
  });

  it('refuses a deactivated user even when the token version still matches', async () => {
    const u = store(user({ active: false, tokenVersion: 3 }));
    const error = await refusal(tokenOf(u, 3));
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect((error as UnauthorizedException).message).toBe('Token has been revoked');
  });

  it('refuses an active user whose token carries an older version', async () => {
    const u = store(user({ active: true, tokenVersion: 3 }));
    expect(await refusal(tokenOf(u, 2))).toBeInstanceOf(UnauthorizedException);
  });

  it('refuses an active user whose token carries a version from the future', async () => {
    const u = store(user({ active: true, tokenVersion: 3 }));
    expect(await refusal(tokenOf(u, 4))).toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a token whose version is missing', async () => {
    const u = store(user({ tokenVersion: 0 }));
    const noVersion = { sub: u.id, role: u.role } as unknown as JwtPayload;
    expect(await refusal(noVersion)).toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a token for a user that does not exist (any more)', async () => {
    const gone = user({ id: '01900000-0000-7000-8000-00000000dead' });
    expect(await refusal(tokenOf(gone))).toBeInstanceOf(UnauthorizedException);
    expect(lookedUp).toEqual([gone.id]);
  });

  it('refuses a token without a session id without looking anybody up', async () => {
    const u = store(user({}));
    const noSession = { sub: u.id, role: u.role, ver: u.tokenVersion } as unknown as JwtPayload;
    expect(await refusal(noSession)).toBeInstanceOf(UnauthorizedException);
    expect(lookedUp).toEqual([]);
  });

  it('refuses a token whose session was revoked (signed out), the user being fine', async () => {
    const u = store(user({}));
    revoked = true;
    expect(await refusal(tokenOf(u))).toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a token whose subject is not the session’s user', async () => {
    const u = store(user({}));
    const other = store(user({ id: '01900000-0000-7000-8000-000000000002' }));
    expect(await refusal({ ...tokenOf(u), sub: other.id })).toBeInstanceOf(UnauthorizedException);
  });
});
