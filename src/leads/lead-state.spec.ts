import { decideTransition, LEAD_STATES, type LeadState } from './lead-state';

describe('decideTransition', () => {
  it.each([
    ['PENDING', 'REACHED_OUT'],
    ['PENDING', 'DECLINED'],
    ['REACHED_OUT', 'RETAINED'],
    ['REACHED_OUT', 'DECLINED'],
  ])('applies %s → %s', (from, to) => {
    expect(decideTransition(from as LeadState, to as LeadState)).toBe('apply');
  });

  it.each([
    ['REACHED_OUT', 'PENDING'],
    ['PENDING', 'RETAINED'],
    ['RETAINED', 'DECLINED'],
    ['DECLINED', 'RETAINED'],
    ['DECLINED', 'PENDING'],
    ['RETAINED', 'REACHED_OUT'],
  ])('forbids %s → %s', (from, to) => {
    expect(decideTransition(from as LeadState, to as LeadState)).toBe('forbidden');
  });

  it.each(LEAD_STATES.map((s) => [s, s]))(
    'treats %s → %s as a no-op',
    (from: LeadState, to: LeadState) => {
      expect(decideTransition(from, to)).toBe('noop');
    },
  );

  it('allows exactly the four forward moves out of all state pairs', () => {
    const applied = LEAD_STATES.flatMap((from) =>
      LEAD_STATES.filter((to) => decideTransition(from, to) === 'apply').map((to) => [from, to]),
    );
    expect(applied).toEqual([
      ['PENDING', 'REACHED_OUT'],
      ['PENDING', 'DECLINED'],
      ['REACHED_OUT', 'RETAINED'],
      ['REACHED_OUT', 'DECLINED'],
    ]);
  });
});
