import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LeadCreatedEvent } from '../../leads/events/lead-created.event';
import { NotificationsService } from '../../notifications/notifications.service';
import { LeadNotifier } from '../lead-notifier.service';

/**
 * Turns a new lead into its notifications (one per message); the dispatcher sends them. The event
 * comes from the outbox relay, which retries when this fails, so a failure is logged with the lead
 * id and handed back to the relay rather than swallowed: nothing here touches an HTTP request.
 */
@Injectable()
export class LeadCreatedListener {
  private readonly logger = new Logger('LeadCreatedListener');

  constructor(
    private readonly notifier: LeadNotifier,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(LeadCreatedEvent.name, { suppressErrors: false })
  async handle(event: LeadCreatedEvent): Promise<void> {
    try {
      const lead = await this.notifier.loadLead(event.leadId);
      const messages = await this.notifier.messagesFor(lead);
      const capped = await this.notifications.plan(lead.id, 'email', messages);
      for (const { kind, cap } of capped) {
        // Not the address: this line exists because somebody may be abusing it.
        const limit = cap ? `${cap.max} per ${cap.withinMs / 3_600_000} h` : 'cap';
        this.logger.log(
          { leadId: lead.id, kind },
          `Not sending ${kind} for lead ${lead.id}: its recipient reached the limit (${limit})`,
        );
      }
    } catch (error) {
      this.logger.error(
        { leadId: event.leadId, err: error instanceof Error ? error.message : String(error) },
        `Could not plan notifications for lead ${event.leadId}; the outbox will retry`,
      );
      throw error;
    }
  }
}
