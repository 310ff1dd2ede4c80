/**
 * An e-mail address anywhere in a text (SMTP replies quote the recipient: `550 <ada@example.com>
 * unknown`). Slashes are not part of it, so `node_modules/@nestjs/core` in a stack stays intact.
 */
const ADDRESS = /[\p{L}\p{N}.!#$%&'*+=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/gu;

export const ADDRESS_PLACEHOLDER = '<address>';

export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, ADDRESS_PLACEHOLDER);
}

/**
 * The only fields of an error that reach a log. A whitelist, because errors carry the data they
 * failed on: TypeORM's QueryFailedError holds the SQL `parameters` (names, e-mail addresses, a
 * bcrypt hash) and the `driverError`, and PostgreSQL adds a `detail` that quotes the row.
 */
const SCALAR_FIELDS = [
  'code',
  'errno',
  'syscall',
  'command',
  'response',
  'responseCode',
  'status',
  'statusCode',
  // The SQL text with its placeholders, never the values bound to them.
  'query',
] as const;
const MAX_DEPTH = 3;

interface ErrorLike {
  message: string;
  [key: string]: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as ErrorLike).message === 'string'
  );
}

/**
 * What a log may say about an error: its type, message, stack, a few diagnostic codes and its
 * causes, with e-mail addresses masked. Accepts an Error, a string, or what pino's standard
 * serializer made of an Error (pino-http applies that first and keeps the original in `raw`).
 */
export function safeError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutAddresses(value);
  if (!isErrorLike(value)) return value;
  const raw = value.raw instanceof Error ? (value.raw as unknown as ErrorLike) : value;
  const out: Record<string, unknown> = {
    type: typeName(raw),
    message: withoutAddresses(raw.message),
  };
  if (typeof raw.stack === 'string') out.stack = withoutAddresses(raw.stack);
  for (const field of SCALAR_FIELDS) {
    const v = raw[field];
    if (typeof v === 'string') out[field] = withoutAddresses(v);
    else if (typeof v === 'number') out[field] = v;
  }
  if (depth < MAX_DEPTH) {
    if (isErrorLike(raw.cause)) out.cause = safeError(raw.cause, depth + 1);
    if (Array.isArray(raw.errors))
      out.errors = (raw.errors as unknown[]).map((e) => safeError(e, depth + 1));
  }
  return out;
}

function typeName(error: ErrorLike): string {
  if (error instanceof Error) return error.constructor.name;
  return typeof error.type === 'string' ? error.type : 'Error';
}
