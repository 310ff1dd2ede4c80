import type { SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';

/** Due in 3 s of plain time, escalated 3 s later: acceptance 2 of issue 15. */
export const FAST_FOLLOW_UP = {
  FOLLOW_UP_SLA: '3s',
  FOLLOW_UP_ESCALATE_AFTER: '3s',
  BUSINESS_HOURS: 'always',
};

export const FOLLOW_UP_KINDS = ['follow-up-reminder', 'follow-up-escalation'];

export interface NotificationRow {
  kind: string;
  recipient: string;
  status: string;
}

/** How a test reads a lead's notifications (GET /leads/{id}) on whichever app or instance. */
export type ReadNotifications = (leadId: string) => Promise<NotificationRow[]>;

export const followUpRows = (rows: NotificationRow[]) =>
  rows.filter((n) => FOLLOW_UP_KINDS.includes(n.kind));

export const mailsOf = (smtp: SmtpSink, leadId: string, kind: string) =>
  smtp.messages.filter(
    (m) => m.headers.get('x-lead-id') === leadId && m.headers.get('x-notification') === kind,
  );

/**
 * A pending lead: waits (with a deadline) for its reminder to the assignee and an escalation to
 * each admin, then checks the stored rows are final — each sent, none pending, no other — so no
 * further message can come (a row is unique per lead, kind and recipient), and the sink got
 * exactly one of each.
 */
export async function expectOneReminderAndEscalation(
  smtp: SmtpSink,
  read: ReadNotifications,
  schedule: ReadSchedule,
  leadId: string,
  assignee: string,
  admins: string[],
): Promise<void> {
  const reminder = await waitFor(() => mailsOf(smtp, leadId, 'follow-up-reminder')[0], {
    timeoutMs: 20_000,
    what: 'the reminder',
  });
  expect(reminder.to).toEqual([assignee]);
  await waitFor(() => mailsOf(smtp, leadId, 'follow-up-escalation').length >= admins.length, {
    timeoutMs: 20_000,
    what: 'the escalations',
  });
  // The sink has the messages a moment before the dispatcher records them sent.
  const final = async () => {
    const rows = followUpRows(await read(leadId));
    return rows.every((r) => r.status === 'sent') ? rows : null;
  };
  const rows = await waitFor(final, { what: 'the follow-up rows to be settled' });
  expect(rows.map((r) => [r.kind, r.recipient, r.status]).sort()).toEqual(
    [
      ['follow-up-reminder', assignee, 'sent'],
      ...admins.map((a) => ['follow-up-escalation', a, 'sent']),
    ].sort(),
  );
  expect(mailsOf(smtp, leadId, 'follow-up-reminder')).toHaveLength(1);
  const escalations = mailsOf(smtp, leadId, 'follow-up-escalation');
  expect(escalations.flatMap((m) => m.to).sort()).toEqual([...admins].sort());
  // Nothing more is scheduled for the lead: no further message can come.
  await waitUntilUnscheduled(schedule, leadId);
}

/** A lead's follow-up schedule as stored: its next step and when (null, null: nothing more). */
export type ReadSchedule = (leadId: string) => Promise<{ stage: string | null; next: unknown }>;

/** Reads the schedule straight from the database, through any TypeORM DataSource or pg client. */
export const scheduleReader =
  (query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>): ReadSchedule =>
  async (leadId) => {
    const [row] = await query(
      'SELECT follow_up_stage AS stage, follow_up_next_at AS next FROM leads WHERE id = $1',
      [leadId],
    );
    return { stage: row.stage as string | null, next: row.next };
  };

/** Waits until a lead has left the follow-up schedule (its last step handled). */
export async function waitUntilUnscheduled(schedule: ReadSchedule, leadId: string): Promise<void> {
  await waitFor(async () => (await schedule(leadId)).stage === null, {
    timeoutMs: 20_000,
    what: `lead ${leadId} to leave the follow-up schedule`,
  });
  expect(await schedule(leadId)).toEqual({ stage: null, next: null });
}

/**
 * A lead contacted in time: once its steps fell due the scheduler took it off the schedule
 * without planning anything, so no reminder or escalation exists or was mailed.
 */
export async function expectNoFollowUp(
  smtp: SmtpSink,
  read: ReadNotifications,
  schedule: ReadSchedule,
  leadId: string,
): Promise<void> {
  await waitUntilUnscheduled(schedule, leadId);
  expect(followUpRows(await read(leadId))).toEqual([]);
  for (const kind of FOLLOW_UP_KINDS) expect(mailsOf(smtp, leadId, kind)).toEqual([]);
}
