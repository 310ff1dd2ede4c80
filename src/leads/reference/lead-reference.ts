import { randomBytes } from 'node:crypto';

/**
 * Crockford's base32 alphabet: digits and capitals without I, L, O and U, so a reference read
 * out over the phone or copied by hand cannot be mistaken (I/L look like 1, O like 0).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;
const PREFIX = 'L-';

/** The stored form: `L-` and six characters, e.g. `L-7K3M9Q`. */
export const LEAD_REFERENCE_PATTERN = /^L-[0-9A-HJKMNP-TV-Z]{6}$/;

/**
 * A new random reference: 32^6 ≈ 10^9 values, so a collision is rare but possible; the unique
 * index catches it and the creator retries with another. Each byte's low 5 bits pick a
 * character (256 is a multiple of 32, so every character is equally likely).
 */
export function newLeadReference(): string {
  const bytes = randomBytes(LENGTH);
  return PREFIX + Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/**
 * What a person may type for a reference — any case, with or without `L-`, spaces around it,
 * and the look-alikes Crockford decodes (O → 0, I/L → 1) — as the stored form; null when the
 * text cannot be one.
 */
export function parseLeadReference(text: string): string | null {
  const match = /^(?:L-?)?([0-9A-Z]{6})$/.exec(text.trim().toUpperCase());
  if (!match) return null;
  const code = match[1].replace(/O/g, '0').replace(/[IL]/g, '1');
  const reference = PREFIX + code;
  return LEAD_REFERENCE_PATTERN.test(reference) ? reference : null;
}
