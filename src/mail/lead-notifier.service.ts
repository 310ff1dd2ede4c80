import { MailerService } from '@nestjs-modules/mailer';
import { Inject, Injectable } from '@nestjs/common';
import { firmConfig, mailConfig, type FirmConfig, type MailConfig } from '../config/configuration';
import type { Lead } from '../leads/lead.entity';
import { LeadsService } from '../leads/leads.service';
import type { PlannedMessage } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import {
  kindOf,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationKindDefinition,
  type NotificationTrigger,
  type RecipientContext,
} from './notification-kinds';

export interface OutgoingMessage {
  kind: string;
  recipient: string;
}

/** Who hears about a new lead, and what each of them is sent (see notification-kinds.ts). */
@Injectable()
export class LeadNotifier {
  constructor(
    private readonly mailer: MailerService,
    private readonly leads: LeadsService,
    private readonly users: UsersService,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
    @Inject(firmConfig.KEY) private readonly firm: FirmConfig,
  ) {}

  /**
   * The messages `trigger` plans for a lead (a new lead, a reassignment, a follow-up step), in
   * the order the kinds are defined.
   */
  async messagesFor(
    lead: Lead,
    trigger: NotificationTrigger = 'created',
  ): Promise<PlannedMessage[]> {
    const context: RecipientContext = {
      lead,
      trigger,
      admins: await this.users.activeAdminEmails(),
      mail: this.mail,
    };
    return (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).flatMap((kind) => {
      const definition: NotificationKindDefinition = NOTIFICATION_KINDS[kind];
      if (!definition.on.includes(trigger)) return [];
      return definition
        .recipients(context)
        .map((recipient) => ({ kind, recipient, cap: definition.cap }));
    });
  }

  /** Whether a stored message still makes sense now (a reminder for a lead since contacted does not). */
  stillWanted(lead: Lead, message: OutgoingMessage): boolean {
    const definition = kindOf(message.kind);
    return definition?.stillWanted?.(lead, message.recipient, this.mail) ?? true;
  }

  loadLead(leadId: string): Promise<Lead> {
    return this.leads.get(leadId);
  }

  /** Sends one message; `messageKey` makes its Message-ID stable across retries. */
  async send(lead: Lead, message: OutgoingMessage, messageKey: string): Promise<void> {
    const definition = kindOf(message.kind);
    if (!definition) throw new Error(`Unknown notification kind ${message.kind}`);
    await this.mailer.sendMail({
      to: message.recipient,
      subject: definition.subject,
      template: definition.template,
      context: this.context(lead),
      messageId: `<${messageKey}@${this.messageIdDomain}>`,
      headers: { 'X-Lead-Id': lead.id, 'X-Notification': message.kind },
    });
  }

  private get messageIdDomain(): string {
    return new URL(this.mail.publicBaseUrl).hostname || 'lead-intake.local';
  }

  private context(lead: Lead): Record<string, unknown> {
    return {
      lead_id: lead.id,
      reference: lead.reference,
      first_name: lead.firstName,
      last_name: lead.lastName,
      email: lead.email,
      phone: lead.phone ?? '',
      message: lead.message ?? '',
      resume_url: lead.resumeUrl ?? '',
      resume_label: lead.resumeUrl ?? 'attached to the lead',
      created_at: lead.createdAt.toISOString(),
      lead_url: `${this.mail.publicBaseUrl}/admin?lead=${lead.id}`,
      assignee_name: lead.assignedTo?.name ?? '',
      follow_up_due_at: lead.followUpDueAt?.toISOString() ?? '',
      firm_name: this.mail.firmName,
      response_time: this.firm.responseTime ?? '',
      contact: [this.firm.contactEmail, this.firm.contactPhone?.display]
        .filter(Boolean)
        .join(' or '),
      ...this.triageContext(lead),
    };
  }

  /** Returning prospect and conflict hits: for the attorney notice only (never the prospect's). */
  private triageContext(lead: Lead): Record<string, unknown> {
    const hits = lead.conflictHits ?? [];
    return {
      headline: lead.duplicateOf ? 'Returning prospect' : 'New lead',
      returning: Boolean(lead.duplicateOf),
      earlier_lead_url: lead.duplicateOf
        ? `${this.mail.publicBaseUrl}/admin?lead=${lead.duplicateOf}`
        : '',
      opposing_party: lead.opposingParty ?? '',
      conflict_possible: hits.length > 0,
      conflict_hits: hits.map((hit) => ({
        party_name: hit.partyName,
        matched_on: hit.matchedOn === 'prospect' ? 'the prospect' : 'the other party',
        rule: hit.rule,
        source: hit.source === 'register' ? 'conflict register' : 'an earlier lead',
      })),
    };
  }
}
