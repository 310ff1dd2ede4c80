import type { MailConfig } from '../config/configuration';
import type { FollowUpStage } from '../leads/follow-up/follow-up-stage';
import type { Lead } from '../leads/lead.entity';
import type { MessageCap } from '../notifications/notifications.service';

/**
 * What plans messages: a new lead, an admin giving a lead to somebody else, or a pending lead's
 * follow-up step falling due (see leads/follow-up/follow-up-stage.ts).
 */
export type NotificationTrigger = 'created' | 'assigned' | FollowUpStage;

/** What a kind needs to know to pick its recipients for a lead. */
export interface RecipientContext {
  /** With `assignedTo` loaded. */
  lead: Lead;
  trigger: NotificationTrigger;
  /** Active admins' addresses. */
  admins: string[];
  mail: MailConfig;
}

/**
 * One kind of message, defined in one place: what plans it, who receives it, whether it is still
 * wanted when it is sent, its subject (a Handlebars template over the
 * same context as the body), its templates (templates/<template>.html.hbs and .text.hbs) and its
 * channel. Adding a message is an entry here and its templates.
 */
export interface NotificationKindDefinition {
  channel: 'email';
  subject: string;
  template: string;
  on: readonly NotificationTrigger[];
  recipients(context: RecipientContext): string[];
  /** Checked just before sending; false drops the message (its moment has passed). */
  stillWanted?(lead: Lead, recipient: string, mail: MailConfig): boolean;
  /** At most so many of this kind to one recipient in a window, over all leads. */
  cap?: MessageCap;
}

/** Who answers for a lead: its assignee, or ATTORNEY_NOTIFY_EMAIL when nobody takes leads. */
export const ownerOf = (lead: Lead, mail: MailConfig): string =>
  lead.assignedTo?.email ?? mail.attorneyFallback;

const pending = (lead: Lead): boolean => lead.state === 'PENDING';

export const NOTIFICATION_KINDS = {
  'lead-acknowledgement': {
    channel: 'email',
    subject: 'Thank you for your submission — {{firm_name}}',
    template: 'lead-acknowledgement',
    on: ['created'],
    recipients: ({ lead }) => [lead.email],
    // The public form takes any address: without a cap, anyone could have the firm mail a
    // stranger again and again. Later leads from the address still reach the attorneys.
    cap: { max: 3, withinMs: 24 * 3600 * 1000 },
  },
  'attorney-notice': {
    channel: 'email',
    // headline: "New lead", or "Returning prospect" for a lead with an earlier one (duplicate_of).
    subject: '{{headline}}: {{first_name}} {{last_name}}',
    template: 'attorney-notice',
    on: ['created'],
    recipients: ({ lead, mail }) => [ownerOf(lead, mail)],
  },
  'lead-assigned': {
    channel: 'email',
    subject: 'Lead assigned to you: {{first_name}} {{last_name}}',
    template: 'lead-assigned',
    on: ['assigned'],
    recipients: ({ lead }) => (lead.assignedTo ? [lead.assignedTo.email] : []),
  },
  'follow-up-reminder': {
    channel: 'email',
    subject: 'Follow up now: {{first_name}} {{last_name}} is waiting',
    template: 'follow-up-reminder',
    on: ['reminder'],
    recipients: ({ lead, mail }) => (pending(lead) ? [ownerOf(lead, mail)] : []),
    // Contacted (or reassigned) between planning and sending: nobody is reminded.
    stillWanted: (lead, recipient, mail) => pending(lead) && ownerOf(lead, mail) === recipient,
  },
  'follow-up-escalation': {
    channel: 'email',
    subject: 'Escalation: {{first_name}} {{last_name}} has not been contacted',
    template: 'follow-up-escalation',
    on: ['escalation'],
    recipients: ({ lead, admins }) => (pending(lead) ? admins : []),
    stillWanted: (lead) => pending(lead),
  },
} satisfies Record<string, NotificationKindDefinition>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** The definition of a stored notification's kind (rows of kinds no longer defined: undefined). */
export function kindOf(kind: string): NotificationKindDefinition | undefined {
  return (NOTIFICATION_KINDS as Record<string, NotificationKindDefinition>)[kind];
}
