/**
 * Control characters (including CR/LF and NUL), bidi overrides/isolates, zero-width spaces and BOMs:
 * nothing a person types into a name, and the raw material of header injection and spoofed text.
 * Also lone UTF-16 surrogates, which no database stores faithfully, and U+FFFD, which is what
 * they (or any broken encoding) become on the way: the text was damaged before it got here.
 * ZWJ/ZWNJ (U+200C/U+200D) stay allowed: scripts and emoji need them.
 */
const FORBIDDEN_CLASS =
  '\\p{Cc}\\p{Cs}\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF\\uFFFD';
export const CLEAN_TEXT = new RegExp(`^[^${FORBIDDEN_CLASS}]*$`, 'u');

export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const normalizeEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
