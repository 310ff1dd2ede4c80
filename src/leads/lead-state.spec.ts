import { decideTransition, LEAD_STATES, type LeadState } from './lead-state';

describe('decideTransition', () => {
  it('applies PENDING → REACHED_OUT', () => {
    expect(decideTransition('PENDING', 'REACHED_OUT')).toBe('apply');
  });

  it('forbids REACHED_OUT → PENDING', () => {
    expect(decideTransition('REACHED_OUT', 'PENDING')).toBe('forbidden');
  });

  it.each(LEAD_STATES.map((s) => [s, s]))(
    'treats %s → %s as a no-op',
    (from: LeadState, to: LeadState) => {
      expect(decideTransition(from, to)).toBe('noop');
    },
  );

  it('allows exactly one transition out of all state pairs', () => {
    const applied = LEAD_STATES.flatMap((from) =>
      LEAD_STATES.filter((to) => decideTransition(from, to) === 'apply').map((to) => [from, to]),
    );
    expect(applied).toEqual([['PENDING', 'REACHED_OUT']]);
  });
});
