import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dotenvCommentHint } from './dotenv-hint';
import { validateEnv } from './env.validation';

const STRONG_SECRET = randomBytes(48).toString('base64');

describe('validateEnv', () => {
  it('fills in a default for every variable left unset', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DB_TYPE: 'sqlite',
      DB_PATH: './data/leads.sqlite',
      JWT_EXPIRES_IN: '15m',
      BCRYPT_COST: 12,
      RESUME_MAX_BYTES: 5 * 1024 * 1024,
      SWAGGER_ENABLED: true,
      TRUST_PROXY: 'false',
      THROTTLE_LOGIN_FAILURES_PER_MINUTE: 5,
      MAIL_DIR: './data/mail',
    });
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('turns numeric and boolean strings into numbers and booleans', () => {
    const env = validateEnv({ PORT: '8080', BCRYPT_COST: '4', SWAGGER_ENABLED: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.BCRYPT_COST).toBe(4);
    expect(env.SWAGGER_ENABLED).toBe(false);
  });

  it('treats empty optional variables as unset', () => {
    const env = validateEnv({ SMTP_URL: '', JWT_SECRET: '', ADMIN_PASSWORD: '' });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
  });

  it.each(['abc', '70000', '-1', '80.5'])('rejects PORT=%s and names the variable', (port) => {
    expect(() => validateEnv({ PORT: port })).toThrow(/Invalid configuration:\n\s+PORT: /);
  });

  it('defaults SMTP_REQUIRE_TLS to false and DB_BUSY_TIMEOUT_MS to 5000', () => {
    expect(validateEnv({})).toMatchObject({ SMTP_REQUIRE_TLS: false, DB_BUSY_TIMEOUT_MS: 5000 });
    expect(validateEnv({ SMTP_REQUIRE_TLS: 'true', DB_BUSY_TIMEOUT_MS: '100' })).toMatchObject({
      SMTP_REQUIRE_TLS: true,
      DB_BUSY_TIMEOUT_MS: 100,
    });
  });

  it.each([
    ['SMTP_REQUIRE_TLS', 'sometimes'],
    ['DB_BUSY_TIMEOUT_MS', '-1'],
    ['DB_BUSY_TIMEOUT_MS', 'soon'],
  ])('rejects %s=%s and names the variable', (name, value) => {
    expect(() => validateEnv({ [name]: value })).toThrow(
      new RegExp(`Invalid configuration:\\n\\s+${name}: `),
    );
  });

  it('lists every invalid variable in one message', () => {
    let message = '';
    try {
      validateEnv({ PORT: 'x', BCRYPT_COST: '3', SMTP_URL: 'http://mail', NODE_ENV: 'staging' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['PORT', 'BCRYPT_COST', 'SMTP_URL', 'NODE_ENV']) {
      expect(message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    }
  });

  it('rejects a JWT_SECRET shorter than 32 characters in any environment', () => {
    expect(() => validateEnv({ NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(31) })).toThrow(
      /JWT_SECRET: JWT_SECRET must be at least 32 characters/,
    );
  });

  describe('with NODE_ENV=production', () => {
    it('throws without JWT_SECRET, naming it', () => {
      expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(
        /JWT_SECRET: required when NODE_ENV=production/,
      );
    });

    it('throws with an empty JWT_SECRET', () => {
      expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
    });

    it.each([
      ['a documented placeholder', 'please-change-this-secret-before-going-live'],
      ['a placeholder in upper case', 'CHANGE-ME-CHANGE-ME-CHANGE-ME-CHANGE-ME'],
      ['a long but repetitive value', 'ab'.repeat(24)],
    ])('throws with %s as JWT_SECRET', (_what, secret) => {
      expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(
        /JWT_SECRET: looks like a placeholder/,
      );
    });

    it.each([
      ['a sequence repeated', '0123456789abcdef0123456789abcdef'],
      ['ordinary words', 'correcthorsebatterystaplecorrecthorsebattery'],
      ['a sentence', 'thisisaverylongsigningkeyforourlawfirm2026'],
      ['a keyboard walk', 'qwertyuiopasdfghjklzxcvbnm1234567890'],
    ])('throws with %s as JWT_SECRET, naming it', (_what, secret) => {
      expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(
        /JWT_SECRET: is too guessable .*openssl rand -base64 48/,
      );
    });

    it.each([
      ['base64', randomBytes(48).toString('base64')],
      ['hex', randomBytes(32).toString('hex')],
    ])('accepts a random %s JWT_SECRET', (_what, secret) => {
      expect(
        validateEnv({ NODE_ENV: 'production', JWT_SECRET: secret, SMTP_URL: 'smtp://mail' })
          .JWT_SECRET,
      ).toBe(secret);
    });

    it('throws with a short JWT_SECRET', () => {
      expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'Xk9$vQ2!' })).toThrow(
        /JWT_SECRET: .*at least 32 characters/,
      );
    });

    it('accepts a strong random JWT_SECRET', () => {
      const env = validateEnv({
        NODE_ENV: 'production',
        JWT_SECRET: STRONG_SECRET,
        SMTP_URL: 'smtp://mail',
      });
      expect(env.NODE_ENV).toBe('production');
      expect(env.JWT_SECRET).toBe(STRONG_SECRET);
    });
  });

  it.each([
    [
      'shorter than 12 characters',
      'short-pass',
      /ADMIN_PASSWORD: ADMIN_PASSWORD must be at least 12/,
    ],
    ['over 72 bytes', 'é'.repeat(40), /ADMIN_PASSWORD: ADMIN_PASSWORD must be at most 72 bytes/],
    ['blank', ' '.repeat(12), /ADMIN_PASSWORD: ADMIN_PASSWORD must not be blank/],
  ])('refuses an ADMIN_PASSWORD %s, naming it, in any environment', (_what, password, message) => {
    expect(() => validateEnv({ ADMIN_PASSWORD: password })).toThrow(message);
  });

  it.each([
    ['a mis-quoted display name', 'Finch & Partners'],
    ['two addresses', 'a@firm.example, b@firm.example'],
    ['an empty address', 'Firm <>'],
  ])('refuses a MAIL_FROM that is %s', (_what, from) => {
    expect(() => validateEnv({ MAIL_FROM: from })).toThrow(
      /MAIL_FROM: MAIL_FROM must be one address/,
    );
  });

  it.each(['Finch & Partners <intake@firm.example>', 'intake@firm.example'])(
    'accepts MAIL_FROM=%s',
    (from) => {
      expect(validateEnv({ MAIL_FROM: from }).MAIL_FROM).toBe(from);
    },
  );

  it('refuses a DATABASE_URL with another scheme, naming the variable', () => {
    expect(() =>
      validateEnv({ DB_TYPE: 'postgres', DATABASE_URL: 'postgress://db.firm:5432/leads' }),
    ).toThrow(/DATABASE_URL: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
  });

  it('refuses a DATABASE_URL while DB_TYPE is sqlite', () => {
    expect(() => validateEnv({ DATABASE_URL: 'postgres://db.firm/leads' })).toThrow(
      /DATABASE_URL: is set but DB_TYPE is not postgres/,
    );
  });

  it('requires SMTP_URL in production', () => {
    expect(() =>
      validateEnv({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, SMTP_URL: '' }),
    ).toThrow(/SMTP_URL: required when NODE_ENV=production/);
  });

  it('adds the hint for a variable to its problem', () => {
    expect(() =>
      validateEnv({ BRAND_COLOR: '' }, (name) => (name === 'BRAND_COLOR' ? 'a hint' : null)),
    ).toThrow(/BRAND_COLOR: BRAND_COLOR must be a hex colour like #1f4e79\n\s+\(a hint\)/);
  });

  describe('dotenvCommentHint', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'dotenv-hint-'));
      writeFileSync(
        join(dir, '.env'),
        'BRAND_COLOR=#7a1f3d\nBRAND_NAME="Finch #1"\nexport MAIL_FROM=Firm # <a@b.c>\n',
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names an unquoted # on the variable’s line, and nothing for a quoted one', () => {
      const file = join(dir, '.env');
      expect(dotenvCommentHint('BRAND_COLOR', file)).toMatch(/unquoted "#".*BRAND_COLOR="…"/);
      expect(dotenvCommentHint('MAIL_FROM', file)).toMatch(/unquoted "#"/);
      expect(dotenvCommentHint('BRAND_NAME', file)).toBeNull();
      expect(dotenvCommentHint('PORT', file)).toBeNull();
    });
  });

  it('does not require JWT_SECRET outside production', () => {
    expect(() => validateEnv({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => validateEnv({ NODE_ENV: 'test' })).not.toThrow();
  });

  it('checks the follow-up settings, naming each bad one and what is wrong', () => {
    expect(validateEnv({})).toMatchObject({
      FOLLOW_UP_SLA: '4h',
      FOLLOW_UP_ESCALATE_AFTER: '4h',
      BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
      FIRM_TIMEZONE: 'UTC',
    });
    expect(() =>
      validateEnv({
        BUSINESS_HOURS: 'always',
        FIRM_TIMEZONE: 'Europe/Berlin',
        FOLLOW_UP_SLA: '30s',
      }),
    ).not.toThrow();
    expect(() => validateEnv({ BUSINESS_HOURS: 'Mon-Fri 17:00-09:00' })).toThrow(
      /BUSINESS_HOURS: .*closes before it opens/,
    );
    expect(() => validateEnv({ BUSINESS_HOURS: 'weekdays' })).toThrow(/BUSINESS_HOURS: /);
    expect(() => validateEnv({ FIRM_TIMEZONE: 'Berlin' })).toThrow(/FIRM_TIMEZONE must be an IANA/);
    expect(() => validateEnv({ FOLLOW_UP_SLA: '4 hours' })).toThrow(/FOLLOW_UP_SLA must be/);
    expect(() => validateEnv({ FOLLOW_UP_ESCALATE_AFTER: '-1h' })).toThrow(
      /FOLLOW_UP_ESCALATE_AFTER must be/,
    );
  });
});
