import type { MailConfig } from '../config/configuration';
import type { Lead } from '../leads/lead.entity';
import type { MessageCap } from '../notifications/notifications.service';

/** What a kind needs to know to pick its recipients for a lead. */
export interface RecipientContext {
  lead: Lead;
  /** Active attorneys' addresses. */
  attorneys: string[];
  mail: MailConfig;
}

/**
 * One kind of message, defined in one place: who receives it, its subject (a Handlebars
 * template over the same context as the body), its templates (templates/<template>.html.hbs and
 * .text.hbs) and its channel. Adding a message is an entry here and its templates.
 */
export interface NotificationKindDefinition {
  channel: 'email';
  subject: string;
  template: string;
  recipients(context: RecipientContext): string[];
  /** At most so many of this kind to one recipient in a window, over all leads. */
  cap?: MessageCap;
}

export const NOTIFICATION_KINDS = {
  'lead-acknowledgement': {
    channel: 'email',
    subject: 'Thank you for your submission — {{firm_name}}',
    template: 'lead-acknowledgement',
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
    recipients: ({ attorneys, mail }) =>
      attorneys.length > 0 ? attorneys : [mail.attorneyFallback],
  },
} satisfies Record<string, NotificationKindDefinition>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** The definition of a stored notification's kind (rows of kinds no longer defined: undefined). */
export function kindOf(kind: string): NotificationKindDefinition | undefined {
  return (NOTIFICATION_KINDS as Record<string, NotificationKindDefinition>)[kind];
}
