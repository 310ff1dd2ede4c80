/**
 * Exponential back-off with jitter: attempt n waits base·2^(n-1), capped at max, then scaled by a
 * random factor in [0.5, 1) so that many failures at once do not retry in lock-step.
 */
export function retryDelayMs(
  attempt: number,
  { retryBaseMs, retryMaxMs }: { retryBaseMs: number; retryMaxMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}
