/**
 * Characters nobody types into a name and that render as nothing, or as a blank: the raw material
 * of header injection, spoofed text and names that look empty. Control characters (CR/LF, NUL),
 * every format character (bidi overrides and isolates, zero-width spaces, BOM, soft hyphen, tag
 * characters U+E0000–U+E007F), line and paragraph separators (U+2028/U+2029), and letters that
 * are drawn blank: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the combining grapheme
 * joiner (U+034F), Khmer inherent vowels (U+17B4/5), Mongolian variation selectors and the
 * braille blank (U+2800). Also lone UTF-16 surrogates, which no database stores faithfully, and
 * U+FFFD, what they (or any broken encoding) become on the way.
 */
const FORBIDDEN_CLASS =
  '\\p{Cc}\\p{Cs}\\p{Cf}\\p{Zl}\\p{Zp}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F' +
  '\\u2060-\\u206F\\u2800\\u3164\\uFFA0\\uFFFD\\u{E0000}-\\u{E007F}';
/** ZWJ and ZWNJ are format characters too, but scripts (Devanagari, Persian) and emoji need them. */
const JOINERS = '\\u200C\\u200D';
// The class lists combining marks (U+034F, U+17B4…) on their own, as characters to refuse.
// eslint-disable-next-line no-misleading-character-class
export const CLEAN_TEXT = new RegExp(`^(?:[${JOINERS}]|[^${FORBIDDEN_CLASS}])*$`, 'u');
/**
 * Each character CLEAN_TEXT refuses (global): what a page drops from values it passes on, such as
 * a link's campaign tags, so that what it sends is what the API takes. Use with `replace` only.
 */
// eslint-disable-next-line no-misleading-character-class
export const UNCLEAN_CHARACTER = new RegExp(`(?![${JOINERS}])[${FORBIDDEN_CLASS}]`, 'gu');
/** CLEAN_TEXT over several lines: also tabs and line feeds (CR/LF are made LF first). */
export const CLEAN_MULTILINE_TEXT = new RegExp(
  // eslint-disable-next-line no-misleading-character-class
  `^(?:[\\t\\n${JOINERS}]|[^${FORBIDDEN_CLASS}])*$`,
  'u',
);

/**
 * A link in a name would be mailed, in the firm's name, to whatever address the form was given:
 * a scheme (`https://`), `www.`, or a host name with a top-level domain (`evil.example`, what
 * mail clients turn into links). Initials (`J.R.R.`) and `Atticus F.` stay allowed.
 */
const MORE_LABELS = '(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}';
export const WEB_ADDRESS = new RegExp(
  [
    ':\\/\\/',
    '\\bwww\\.',
    // A host name; its first label has two characters or more, so initials are not one.
    `(?:^|[^\\p{L}\\p{N}.-])[\\p{L}\\p{N}-]{2,}${MORE_LABELS}(?![\\p{L}\\p{N}])`,
    // Any host name followed by a path (`t.co/x`).
    `[\\p{L}\\p{N}-]+${MORE_LABELS}\\/`,
  ].join('|'),
  'iu',
);

export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const normalizeEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
