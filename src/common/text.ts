/**
 * Control characters (including CR/LF and NUL), bidi overrides/isolates, zero-width spaces and BOMs:
 * nothing a person types into a name, and the raw material of header injection and spoofed text.
 * ZWJ/ZWNJ (U+200C/U+200D) stay allowed: scripts and emoji need them.
 */
const FORBIDDEN_CLASS = '\\p{Cc}\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF';
export const FORBIDDEN_TEXT_CHARS = new RegExp(`[${FORBIDDEN_CLASS}]`, 'u');
export const CLEAN_TEXT = new RegExp(`^[^${FORBIDDEN_CLASS}]*$`, 'u');

export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const normalizeEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
