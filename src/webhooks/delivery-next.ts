import type { WebhookAttemptOutcome } from './webhook-attempt.entity';

/** What becomes of a delivery after an attempt. */
export type DeliveryNext =
  { status: 'delivered' } | { status: 'pending'; retryAt: Date } | { status: 'failed' };

/**
 * After attempt number `attempts`: delivered on success; otherwise retried after `retryDelayMs`
 * (the back-off for that attempt), until `maxAttempts` attempts have failed.
 */
export function deliveryNext(
  outcome: WebhookAttemptOutcome,
  attempts: number,
  maxAttempts: number,
  retryDelayMs: (attempt: number) => number,
  now = Date.now(),
): DeliveryNext {
  if (outcome === 'delivered') return { status: 'delivered' };
  if (attempts >= maxAttempts) return { status: 'failed' };
  return { status: 'pending', retryAt: new Date(now + retryDelayMs(attempts)) };
}
