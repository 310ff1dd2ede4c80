import { MailerService } from '@nestjs-modules/mailer';
import { Inject, Injectable } from '@nestjs/common';
import { mailConfig, type MailConfig } from '../config/configuration';
import type { Lead } from '../leads/lead.entity';
import { LeadsService } from '../leads/leads.service';
import type { MessageCap } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';

export type NotificationKind = 'lead-acknowledgement' | 'attorney-notice';

export interface OutgoingMessage {
  kind: NotificationKind;
  recipient: string;
  cap?: MessageCap;
}

/**
 * The public form takes any address: without a cap, anyone could have the firm mail a stranger
 * again and again. Later leads from the address are still stored and reach the attorneys.
 */
export const ACKNOWLEDGEMENT_CAP: MessageCap = { max: 3, withinMs: 24 * 3600 * 1000 };

/** Who hears about a new lead, and what each of them is sent. */
@Injectable()
export class LeadNotifier {
  constructor(
    private readonly mailer: MailerService,
    private readonly leads: LeadsService,
    private readonly users: UsersService,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
  ) {}

  /**
   * The prospect's acknowledgement (capped per address), then one notice per active attorney
   * (or the fallback).
   */
  async messagesFor(lead: Lead): Promise<OutgoingMessage[]> {
    const attorneys = await this.users.activeAttorneyEmails();
    const notify = attorneys.length > 0 ? attorneys : [this.mail.attorneyFallback];
    return [
      { kind: 'lead-acknowledgement', recipient: lead.email, cap: ACKNOWLEDGEMENT_CAP },
      ...notify.map((recipient) => ({ kind: 'attorney-notice' as const, recipient })),
    ];
  }

  loadLead(leadId: string): Promise<Lead> {
    return this.leads.get(leadId);
  }

  /** Sends one message; `messageKey` makes its Message-ID stable across retries. */
  async send(lead: Lead, message: OutgoingMessage, messageKey: string): Promise<void> {
    const subject =
      message.kind === 'lead-acknowledgement'
        ? 'Thank you for your submission'
        : 'New lead: {{first_name}} {{last_name}}';
    await this.mailer.sendMail({
      to: message.recipient,
      subject,
      template: message.kind,
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
      first_name: lead.firstName,
      last_name: lead.lastName,
      email: lead.email,
      resume_url: lead.resumeUrl ?? '',
      resume_label: lead.resumeUrl ?? 'attached to the lead',
      created_at: lead.createdAt.toISOString(),
      lead_url: `${this.mail.publicBaseUrl}/admin?lead=${lead.id}`,
      firm_name: this.mail.firmName,
    };
  }
}
