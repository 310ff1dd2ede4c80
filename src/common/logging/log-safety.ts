import type { LoggerOptions } from 'pino';
import { safeError, withoutAddresses } from './safe-error';

/**
 * The pino options through which every log line passes (the Nest Logger is routed to pino in
 * app.setup.ts), so no call site has to remember what an error may carry: `err` goes through
 * safeError, an Error under any other key too, and a message pino would take from an error is
 * masked like the error.
 */
export const logSafety: Pick<LoggerOptions, 'serializers' | 'formatters' | 'hooks'> = {
  serializers: { err: safeError },
  formatters: {
    log(object) {
      let safe: Record<string, unknown> | undefined;
      for (const [key, value] of Object.entries(object)) {
        if (key !== 'err' && value instanceof Error) {
          safe ??= { ...object };
          safe[key] = safeError(value);
        }
      }
      return safe ?? object;
    },
  },
  hooks: {
    // With no message of its own, pino logs the error's message verbatim: mask it first.
    logMethod(args, method) {
      const [first] = args as unknown[];
      if (args.length === 1 && first instanceof Error) {
        return method.call(this, { err: first }, withoutAddresses(first.message));
      }
      const err = (first as { err?: unknown; msg?: unknown } | null)?.err;
      if (args.length === 1 && err instanceof Error) {
        return method.call(this, first as object, withoutAddresses(err.message));
      }
      return method.apply(this, args);
    },
  },
};
