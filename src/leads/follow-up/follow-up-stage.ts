/**
 * A pending lead's follow-up steps, in order: the reminder to its assignee when it falls due,
 * then the escalation to admins. Each lead row carries its next step and when it is due, so the
 * schedule lives in the database (durable, shared by every instance) and costs nothing until then.
 */
export const FOLLOW_UP_STAGES = ['reminder', 'escalation'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

/** A new lead's follow-up columns: first the reminder, at its due time. */
export function firstFollowUp(dueAt: Date): {
  followUpDueAt: Date;
  followUpStage: FollowUpStage;
  followUpNextAt: Date;
} {
  return { followUpDueAt: dueAt, followUpStage: 'reminder', followUpNextAt: dueAt };
}
