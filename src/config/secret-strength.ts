import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** Values that ship in .env.example or docs and therefore must never be used as a real secret. */
export const KNOWN_PLACEHOLDER_SECRETS = [
  'change-me',
  'changeme',
  'secret',
  'please-change-this-secret',
];

/**
 * How much of a secret must be random (zxcvbn: not a word, name, sequence, repeat, date or
 * keyboard walk). `openssl rand -base64 48` gives 1.0, 32 random hex digits 0.53 or more; a
 * phrase such as `my-super-secret-jwt-signing-key-for-production` about 0.37.
 */
const MIN_RANDOM_SHARE = 0.45;
/** About 2^66 guesses even for what zxcvbn calls random: rules out short or patterned values. */
const MIN_GUESSES_LOG10 = 20;

let estimator: ZxcvbnFactory | undefined;
const verdicts = new Map<string, string | null>();

/**
 * Why `secret` is too guessable to sign tokens in production, or null. Uses zxcvbn's English and
 * common dictionaries (~0.2 s per value, so each value is judged once per process).
 */
export function weakSecretReason(secret: string): string | null {
  if (!verdicts.has(secret)) verdicts.set(secret, judge(secret));
  return verdicts.get(secret) ?? null;
}

function judge(secret: string): string | null {
  const lowered = secret.toLowerCase();
  if (KNOWN_PLACEHOLDER_SECRETS.some((p) => lowered.includes(p)) || new Set(secret).size < 10) {
    return 'looks like a placeholder';
  }
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
  const result = estimator.check(secret);
  const random = result.sequence
    .filter((match) => match.pattern === 'bruteforce')
    .reduce((sum, match) => sum + match.token.length, 0);
  if (random / secret.length < MIN_RANDOM_SHARE || result.guessesLog10 < MIN_GUESSES_LOG10) {
    const found = [...new Set(result.sequence.map((m) => m.pattern))]
      .filter((p) => p !== 'bruteforce')
      .join(', ');
    return `is too guessable (made of ${found || 'a pattern'})`;
  }
  return null;
}
