/**
 * Letters that carry no combining mark under NFKD, and so keep their "accent" after it, spelled
 * the way someone without the key on their keyboard would type them.
 */
const PLAIN_SPELLING: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(PLAIN_SPELLING).join('')}]`, 'gu');

/**
 * Text as searches and name matching compare it: lower-case, accents removed (NFKD, then every
 * combining mark dropped: "García" → "garcia"; compatibility forms such as "ﬁ" or full-width
 * letters become plain ones), and one space between words. The same function folds what is
 * stored and what is searched for, and the conflict check's names, so all sides agree.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(SPECIAL_LETTERS, (c) => PLAIN_SPELLING[c])
    .replace(/\s+/gu, ' ')
    .trim();
}

/** What a lead is found by: its names and e-mail address, folded ("maria garcia maria@…"). */
export function leadSearchText(firstName: string, lastName: string, email: string): string {
  return foldForSearch(`${firstName} ${lastName} ${email}`);
}

/** The words of a search: each must appear somewhere in the lead ("garcia maria" finds María García). */
export function searchWords(query: string): string[] {
  const folded = foldForSearch(query);
  return folded ? folded.split(' ') : [];
}
