export const LEAD_STATES = ['PENDING', 'REACHED_OUT', 'RETAINED', 'DECLINED'] as const;
export type LeadState = (typeof LEAD_STATES)[number];

export type TransitionDecision = 'apply' | 'noop' | 'forbidden';

/** The states a lead reaches when it is decided: it stays there. */
export const FINAL_STATES: readonly LeadState[] = ['RETAINED', 'DECLINED'];

/** Every move forward a lead may make; nothing goes back. */
const FORWARD: Record<LeadState, readonly LeadState[]> = {
  PENDING: ['REACHED_OUT', 'DECLINED'],
  REACHED_OUT: ['RETAINED', 'DECLINED'],
  RETAINED: [],
  DECLINED: [],
};

/**
 * The lead lifecycle is one-way: PENDING → REACHED_OUT → RETAINED | DECLINED, and a prospect who
 * is turned down at once PENDING → DECLINED. Asking for the current state again is a harmless
 * no-op (a double click); going back or sideways is refused.
 */
export function decideTransition(from: LeadState, to: LeadState): TransitionDecision {
  if (from === to) return 'noop';
  return FORWARD[from].includes(to) ? 'apply' : 'forbidden';
}
