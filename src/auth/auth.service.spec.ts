import { JwtModule, JwtService } from '@nestjs/jwt';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import * as bcrypt from 'bcrypt';
import { Dialect, dialectOf } from '../database/dialect';
import { RateLimiterFactory } from '../database/rate-limiter.factory';
import { DataSource } from 'typeorm';
import { authConfig, edgeConfig, type EdgeConfig } from '../config/configuration';
import { TransactionRunner } from '../database/transaction-runner';
import { PasswordHasher } from '../users/password-hasher';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthSession } from './auth-session.entity';
import { AuthSessionsService } from './auth-sessions.service';
import { AuthService } from './auth.service';
import { DeviceCookieService } from './device-cookie.service';
import type { JwtPayload } from './jwt-payload';
import { LoginThrottleService } from './login-throttle.service';
import { OAuthException } from './oauth.exception';
import { TEST_AUTH_CONFIG } from '../../test/support/auth-config';

// Wrap bcrypt.compare so the tests can see which hash every login attempt was checked against.
jest.mock('bcrypt', () => {
  const actual = jest.requireActual<typeof import('bcrypt')>('bcrypt');
  const compare = jest.fn<Promise<boolean>, [string, string]>((data, hash) =>
    actual.compare(data, hash),
  );
  return { ...actual, compare };
});
const compare = bcrypt.compare as unknown as jest.Mock<Promise<boolean>, [string, string]>;

const AUTH = TEST_AUTH_CONFIG;

const EDGE = { loginFailuresPerMinute: 1000 } as EdgeConfig;

const PASSWORD = 'correct horse battery';

describe('AuthService.passwordGrant', () => {
  let moduleRef: TestingModule;
  let auth: AuthService;
  let users: UsersService;
  let jwt: JwtService;
  let active: User;
  let inactive: User;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        // A throw-away in-memory database: the one place synchronize is fine.
        TypeOrmModule.forRoot({
          type: 'sqlite',
          database: ':memory:',
          entities: [User, AuthSession],
          synchronize: true,
        }),
        TypeOrmModule.forFeature([User, AuthSession]),
        JwtModule.register({
          secret: AUTH.jwtSecret,
          signOptions: {
            algorithm: 'HS256',
            expiresIn: AUTH.jwtExpiresInSeconds,
            issuer: AUTH.jwtIssuer,
            audience: AUTH.jwtAudience,
          },
        }),
      ],
      providers: [
        { provide: authConfig.KEY, useValue: AUTH },
        { provide: edgeConfig.KEY, useValue: EDGE },
        { provide: Dialect, useFactory: dialectOf, inject: [DataSource] },
        TransactionRunner,
        RateLimiterFactory,
        LoginThrottleService,
        DeviceCookieService,
        AuthSessionsService,
        PasswordHasher,
        UsersService,
        AuthService,
      ],
    }).compile();
    auth = moduleRef.get(AuthService);
    users = moduleRef.get(UsersService);
    jwt = moduleRef.get(JwtService);
    active = await users.create({
      email: 'Active@Firm.test',
      name: 'Active Attorney',
      password: PASSWORD,
      role: 'attorney',
    });
    inactive = await users.create({
      email: 'inactive@firm.test',
      name: 'Former Attorney',
      password: PASSWORD,
      role: 'attorney',
    });
    inactive = await users.update(inactive.id, { active: false });
  });
  afterAll(() => moduleRef.close());
  beforeEach(() => compare.mockClear());

  const grant = async (username: string, password: string) =>
    (await auth.passwordGrant({ username, password, ip: '192.0.2.1', deviceCookie: undefined }))
      .token;

  const failureOf = async (username: string, password: string): Promise<OAuthException> => {
    const error: unknown = await grant(username, password).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthException);
    return error as OAuthException;
  };

  it('issues an HS256 bearer token with sub, role, version, session, iat, exp, iss and aud', async () => {
    const token = await grant('active@firm.test', PASSWORD);
    expect(token).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 900,
      refresh_token: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
    });
    const decoded = jwt.decode<{ header: Record<string, unknown> }>(token.access_token, {
      complete: true,
    });
    expect(decoded.header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = jwt.verify<JwtPayload & { iss: string; aud: string; iat: number; exp: number }>(
      token.access_token,
    );
    expect(payload).toMatchObject({
      sub: active.id,
      role: 'attorney',
      ver: 0,
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iss: 'lead-intake',
      aud: 'lead-intake-api',
    });
    expect(payload.exp - payload.iat).toBe(900);
    expect(Math.abs(payload.iat - Date.now() / 1000)).toBeLessThan(10);
  });

  it('matches the username case-insensitively and ignores surrounding spaces', async () => {
    const token = await grant('  ACTIVE@firm.TEST ', PASSWORD);
    expect(jwt.verify<JwtPayload>(token.access_token).sub).toBe(active.id);
  });

  it('carries the current token version, so a password change yields newer tokens', async () => {
    const user = await users.create({
      email: 'rotating@firm.test',
      name: 'Rotating Password',
      password: PASSWORD,
      role: 'admin',
    });
    await users.update(user.id, { password: 'a brand new passphrase' });
    const token = await grant('rotating@firm.test', 'a brand new passphrase');
    expect(jwt.verify<JwtPayload>(token.access_token)).toMatchObject({ role: 'admin', ver: 1 });
    await expect(grant('rotating@firm.test', PASSWORD)).rejects.toThrow(OAuthException);
  });

  it('gives the same invalid_grant error for an unknown user, a wrong password and a deactivated user', async () => {
    const unknown = await failureOf('nobody@firm.test', PASSWORD);
    const wrong = await failureOf('active@firm.test', 'not the right password');
    const deactivated = await failureOf('inactive@firm.test', PASSWORD);
    for (const error of [unknown, wrong, deactivated]) {
      expect(error.oauthError).toBe('invalid_grant');
      expect(error.getStatus()).toBe(400);
    }
    expect(wrong.getResponse()).toEqual(unknown.getResponse());
    expect(deactivated.getResponse()).toEqual(unknown.getResponse());
    expect(unknown.getResponse()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid username or password',
    });
  });

  it('checks the password of a deactivated user like any other, before refusing', async () => {
    await failureOf('inactive@firm.test', PASSWORD);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare).toHaveBeenCalledWith(PASSWORD, inactive.passwordHash);
  });

  it('spends one bcrypt comparison against a decoy hash of the same cost for an unknown user', async () => {
    await failureOf('nobody@firm.test', PASSWORD);
    await failureOf('someone-else@firm.test', PASSWORD);
    expect(compare).toHaveBeenCalledTimes(2);
    const [[, firstHash], [, secondHash]] = compare.mock.calls;
    // A real bcrypt hash at the configured cost, so it costs what a real check costs…
    expect(firstHash).toMatch(/^\$2[aby]\$04\$[./A-Za-z0-9]{53}$/);
    expect(bcrypt.getRounds(firstHash)).toBe(AUTH.bcryptCost);
    // …made once and reused, and not any user's hash (it can never match a real password).
    expect(secondHash).toBe(firstHash);
    expect([active.passwordHash, inactive.passwordHash]).not.toContain(firstHash);
    await expect(bcrypt.compare(PASSWORD, firstHash)).resolves.toBe(false);
  });

  it('refuses an unknown user even when the password would match the decoy', async () => {
    await expect(grant('nobody@firm.test', 'decoy-password-never-matches')).rejects.toMatchObject({
      oauthError: 'invalid_grant',
    });
  });

  it('renews a hash made at another BCRYPT_COST on sign-in, keeping the tokens valid', async () => {
    const user = await users.create({
      email: 'old-cost@firm.test',
      name: 'Old Cost',
      password: PASSWORD,
      role: 'attorney',
    });
    const oldHash = await bcrypt.hash(PASSWORD, 5);
    await users.replacePasswordHash(user.id, oldHash);
    await grant('old-cost@firm.test', PASSWORD);
    const renewed = await users.get(user.id);
    expect(bcrypt.getRounds(renewed.passwordHash)).toBe(AUTH.bcryptCost);
    expect(renewed.passwordHash).not.toBe(oldHash);
    expect(renewed.tokenVersion).toBe(user.tokenVersion);
    await expect(bcrypt.compare(PASSWORD, renewed.passwordHash)).resolves.toBe(true);
  });

  it('leaves a hash of the configured cost alone', async () => {
    const before = (await users.findByEmail('active@firm.test'))!.passwordHash;
    await grant('active@firm.test', PASSWORD);
    expect((await users.findByEmail('active@firm.test'))!.passwordHash).toBe(before);
  });
});
