import { LEAD_REFERENCE_PATTERN, newLeadReference, parseLeadReference } from './lead-reference';

describe('lead references', () => {
  it('are L- and six Crockford base32 characters, never I, L, O or U', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const reference = newLeadReference();
      expect(reference).toMatch(LEAD_REFERENCE_PATTERN);
      expect(reference.slice(2)).not.toMatch(/[ILOU]/);
      seen.add(reference);
    }
    // Random, not a counter or a clock: 2 000 draws from 10^9 values are (almost surely) distinct.
    expect(seen.size).toBeGreaterThan(1990);
  });

  it('uses every character of the alphabet', () => {
    const chars = new Set<string>();
    for (let i = 0; i < 500; i++) for (const c of newLeadReference().slice(2)) chars.add(c);
    expect(chars.size).toBe(32);
  });

  it.each([
    ['L-7K3M9Q', 'L-7K3M9Q'],
    ['l-7k3m9q', 'L-7K3M9Q'],
    ['7K3M9Q', 'L-7K3M9Q'],
    ['  L7K3M9Q ', 'L-7K3M9Q'],
    ['L-7K3MOQ', 'L-7K3M0Q'],
    ['L-7KIM9Q', 'L-7K1M9Q'],
  ])('reads %j as %s', (typed, stored) => {
    expect(parseLeadReference(typed)).toBe(stored);
  });

  it.each(['L-7K3M9', 'L-7K3M9QX', 'L-7K3MUQ', 'maria garcia', '', 'L--7K3M9Q'])(
    'finds no reference in %j',
    (typed) => {
      expect(parseLeadReference(typed)).toBeNull();
    },
  );
});
