import { existsSync, readFileSync } from 'node:fs';

/**
 * When `.env` sets `name` with an unquoted `#` (`BRAND_COLOR=#7a1f3d`), everything from the `#`
 * on is a comment and the value arrives empty or cut short: say so next to the refusal.
 */
export function dotenvCommentHint(name: string, file = '.env'): string | null {
  if (!existsSync(file)) return null;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = match[2];
    if (!/^["'`]/.test(value) && value.includes('#')) {
      return `${file} sets ${name} with an unquoted "#", which starts a comment there: quote the value (${name}="…")`;
    }
  }
  return null;
}
