import { foldForSearch } from '../common/search-text';
import { nicknameGroups } from './nicknames/nicknames';

/** How a name matched: the first rule, in this order, that explains the match. */
export const MATCH_RULES = ['exact', 'accents', 'order', 'nickname', 'typo'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];

/** Name particles that do not tell two people apart (José de la Cruz = José Cruz). */
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'das',
  'dos',
  'do',
  'du',
  'la',
  'le',
  'van',
  'von',
  'y',
  'ter',
  'ten',
  'zu',
  'af',
]);
/** Typo keys are a product over the parts; past this many a name gets none (see README). */
const MAX_TYPO_KEYS = 600;
const MAX_TYPO_PARTS = 3;
/** Parts shorter than this take no edit: "Li" ≈ "Lu" would flag half the register. */
const MIN_TYPO_LENGTH = 4;
const KEY_LENGTH = 200;

/** Case and spacing only: what `exact` compares. */
export function literalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The parts of a name with case, accents, hyphens, apostrophes and particles gone:
 * "José Álvarez-García" → [jose, alvarez, garcia]; "O'Hara" → [ohara].
 */
export function nameParts(name: string): string[] {
  const folded = foldForSearch(name).replace(/['’`]/g, '');
  const parts = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const kept = parts.filter((part) => !PARTICLES.has(part));
  return kept.length > 0 ? kept : parts;
}

/**
 * The index keys of a name. Two names that match by any rule share at least one key, so a
 * lookup is one indexed `key IN (…)` query; the rule itself is then decided by `matchRule`.
 * - `n:` the sorted parts (exact, accents, order);
 * - `k:` the sorted parts with one part replaced by one of its nickname groups;
 * - `t:` the sorted parts with up to one letter deleted from each part (symmetric delete: two
 *   words one edit apart share a deletion variant).
 */
export function nameKeys(name: string): string[] {
  const parts = nameParts(name).sort();
  if (parts.length === 0) return [];
  const keys = new Set<string>([`n:${parts.join(' ')}`]);
  for (const key of nicknameKeys(parts)) keys.add(key);
  for (const key of typoKeys(parts)) keys.add(key);
  return [...keys].map((key) => key.slice(0, KEY_LENGTH));
}

/** The rule by which `query` matches `candidate`, or null when they are different names. */
export function matchRule(query: string, candidate: string): MatchRule | null {
  if (literalName(query) === literalName(candidate)) return 'exact';
  const a = nameParts(query);
  const b = nameParts(candidate);
  if (a.length === 0 || a.length !== b.length) return null;
  if (a.join(' ') === b.join(' ')) return 'accents';
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  if (sortedA.join(' ') === sortedB.join(' ')) return 'order';
  const nick = new Set(nicknameKeys(sortedA));
  if (nicknameKeys(sortedB).some((key) => nick.has(key))) return 'nickname';
  if (
    a.length <= MAX_TYPO_PARTS &&
    permutations(b).some((p) => p.every((w, i) => oneEdit(a[i], w)))
  )
    return 'typo';
  return null;
}

function nicknameKeys(sortedParts: string[]): string[] {
  const keys: string[] = [];
  sortedParts.forEach((part, i) => {
    for (const group of nicknameGroups(part)) {
      const replaced = sortedParts.map((p, j) => (j === i ? `#${group}` : p)).sort();
      keys.push(`k:${replaced.join(' ')}`);
    }
  });
  return keys;
}

function typoKeys(sortedParts: string[]): string[] {
  if (sortedParts.length > MAX_TYPO_PARTS) return [];
  const variants = sortedParts.map(deletionVariants);
  if (variants.reduce((n, v) => n * v.length, 1) > MAX_TYPO_KEYS) return [];
  let combos: string[][] = [[]];
  for (const options of variants) {
    combos = combos.flatMap((combo) => options.map((option) => [...combo, option]));
  }
  return combos.map((combo) => `t:${combo.sort().join(' ')}`);
}

function deletionVariants(word: string): string[] {
  const variants = new Set([word]);
  if ([...word].length >= MIN_TYPO_LENGTH) {
    const letters = [...word];
    letters.forEach((_, i) =>
      variants.add([...letters.slice(0, i), ...letters.slice(i + 1)].join('')),
    );
  }
  return [...variants];
}

/** At most one insertion, deletion, substitution or swap of neighbours (and long enough). */
function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (Math.max(x.length, y.length) < MIN_TYPO_LENGTH) return false;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (m: number, n: number) => x.slice(i + m).join('') === y.slice(i + n).join('');
  if (x.length === y.length) {
    const swapped = x[i] === y[i + 1] && x[i + 1] === y[i] && rest(2, 2);
    return rest(1, 1) || swapped;
  }
  return x.length > y.length ? rest(1, 0) : rest(0, 1);
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
