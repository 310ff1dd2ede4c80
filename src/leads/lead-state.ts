export const LEAD_STATES = ['PENDING', 'REACHED_OUT'] as const;
export type LeadState = (typeof LEAD_STATES)[number];

export type TransitionDecision = 'apply' | 'noop' | 'forbidden';

/**
 * The lead lifecycle is one-way: PENDING → REACHED_OUT. Asking for the current state again is a
 * harmless no-op (a double click on "Mark reached out"); going back is refused.
 */
export function decideTransition(from: LeadState, to: LeadState): TransitionDecision {
  if (from === to) return 'noop';
  if (from === 'PENDING' && to === 'REACHED_OUT') return 'apply';
  return 'forbidden';
}
