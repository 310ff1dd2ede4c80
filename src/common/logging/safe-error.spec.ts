import { QueryFailedError } from 'typeorm';
import { safeError, withoutAddresses } from './safe-error';

const HASH = '$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';

function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code: '23505',
    detail: 'Key (email)=(ada@example.com) already exists.',
    parameters: ['Zenobia', 'ada@example.com', HASH],
  });
  return new QueryFailedError(
    'INSERT INTO "users"("name", "email", "password_hash") VALUES ($1, $2, $3)',
    ['Zenobia', 'ada@example.com', HASH],
    driverError,
  );
}

describe('safeError', () => {
  it('keeps type, message, stack, code and SQL text of a failed query, but no bound value', () => {
    const logged = safeError(failedInsert()) as Record<string, unknown>;
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      query: 'INSERT INTO "users"("name", "email", "password_hash") VALUES ($1, $2, $3)',
    });
    expect(logged.message).toMatch(/duplicate key/);
    expect(logged.stack).toMatch(/QueryFailedError/);
    const text = JSON.stringify(logged);
    for (const secret of ['Zenobia', 'ada@example.com', HASH, 'Key (email)']) {
      expect(text).not.toContain(secret);
    }
  });

  it('reads the original error behind what pino-http serialized first', () => {
    const error = failedInsert();
    const preSerialized = {
      type: 'QueryFailedError',
      message: error.message,
      raw: error,
      parameters: ['Zenobia'],
    };
    const logged = JSON.stringify(safeError(preSerialized));
    expect(logged).toContain('QueryFailedError');
    expect(logged).not.toContain('Zenobia');
  });

  it('masks e-mail addresses in messages, SMTP responses and causes', () => {
    const cause = new Error('RCPT TO <bob@corp.example> refused');
    const error = Object.assign(new Error("Can't send mail to ada.l+cv@example.com", { cause }), {
      response: '550 5.1.1 <ada.l+cv@example.com>: Recipient address rejected',
      responseCode: 550,
      command: 'RCPT TO',
    });
    const logged = safeError(error) as Record<string, unknown>;
    expect(logged).toMatchObject({
      message: "Can't send mail to <address>",
      response: '550 5.1.1 <<address>>: Recipient address rejected',
      responseCode: 550,
      command: 'RCPT TO',
      cause: { message: 'RCPT TO <<address>> refused' },
    });
  });

  it('masks addresses in a plain string and leaves stack paths with @scopes alone', () => {
    expect(safeError('sending to x@y.example failed')).toBe('sending to <address> failed');
    const path = 'at node_modules/@nestjs/core/router/router-proxy.js:9:17';
    expect(withoutAddresses(path)).toBe(path);
    expect(withoutAddresses('admin@localhost')).toBe('<address>');
  });

  it('passes values that are not errors through unchanged', () => {
    expect(safeError(42)).toBe(42);
    expect(safeError(null)).toBeNull();
  });
});
