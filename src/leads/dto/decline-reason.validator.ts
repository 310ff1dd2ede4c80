import { ValidateBy, type ValidationArguments } from 'class-validator';
import { CLEAN_TEXT } from '../../common/text';

export const DECLINE_REASON_MAX = 500;

/** What is wrong with a `reason` sent along with `state`, or null when nothing is. */
export function declineReasonProblem(reason: unknown, state: unknown): string | null {
  if (reason === undefined || reason === null) return null;
  if (state !== 'DECLINED') return 'reason is only accepted with state DECLINED';
  if (typeof reason !== 'string') return 'reason must be a string';
  if (reason.length > DECLINE_REASON_MAX)
    return `reason must be at most ${DECLINE_REASON_MAX} characters`;
  if (!CLEAN_TEXT.test(reason)) return 'reason must not contain control or invisible characters';
  return null;
}

/** An optional reason, only with DECLINED: one rule, because it depends on the state. */
export const IsDeclineReason = () =>
  ValidateBy({
    name: 'declineReason',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        declineReasonProblem(value, (args?.object as { state?: unknown }).state) === null,
      defaultMessage: (args?: ValidationArguments) =>
        declineReasonProblem(args?.value, (args?.object as { state?: unknown }).state) ??
        'reason is not acceptable',
    },
  });
