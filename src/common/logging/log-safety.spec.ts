import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { logSafety } from './log-safety';

const HASH = '$2b$04$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';

function failedInsert(): QueryFailedError {
  return new QueryFailedError(
    'INSERT INTO "users"("email", "password_hash") VALUES (?, ?)',
    ['octavia@firm.example', HASH],
    Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }),
  );
}

/** A real pino logger with the service's safety options, writing into an array. */
function capture(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ ...logSafety }, stream);
  const lines = () =>
    out
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines };
}

describe('logSafety (pino options)', () => {
  it.each([
    ['under err', (l: pino.Logger, e: Error) => l.error({ err: e }, 'failed')],
    ['under another key', (l: pino.Logger, e: Error) => l.error({ error: e }, 'failed')],
    ['as the only argument', (l: pino.Logger, e: Error) => l.error(e)],
  ])('logs a failed query %s without its parameters', (_where, log) => {
    const { logger, lines } = capture();
    log(logger, failedInsert());
    const [line] = lines();
    const text = JSON.stringify(line);
    expect(text).toContain('QueryFailedError');
    expect(text).toContain('SQLITE_BUSY');
    expect(text).not.toContain('octavia@firm.example');
    expect(text).not.toContain('$2b$');
  });

  it('masks the address in a message pino takes from the error itself', () => {
    const { logger, lines } = capture();
    logger.warn(new Error('550 <octavia@firm.example> unknown'));
    expect(lines()[0].msg).toBe('550 <<address>> unknown');
  });

  it('masks addresses in an error given as a string', () => {
    const { logger, lines } = capture();
    logger.warn({ err: 'refused: octavia@firm.example' }, 'send failed');
    expect(lines()[0]).toMatchObject({ err: 'refused: <address>', msg: 'send failed' });
  });
});
