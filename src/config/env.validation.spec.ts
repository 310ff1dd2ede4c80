import { randomBytes } from 'node:crypto';
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

    it('throws with a short JWT_SECRET', () => {
      expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'Xk9$vQ2!' })).toThrow(
        /JWT_SECRET: .*at least 32 characters/,
      );
    });

    it('accepts a strong random JWT_SECRET', () => {
      const env = validateEnv({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET });
      expect(env.NODE_ENV).toBe('production');
      expect(env.JWT_SECRET).toBe(STRONG_SECRET);
    });
  });

  it('does not require JWT_SECRET outside production', () => {
    expect(() => validateEnv({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => validateEnv({ NODE_ENV: 'test' })).not.toThrow();
  });
});
