import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LeadAssignedEvent } from '../../leads/events/lead-assigned.event';
import { NotificationsService } from '../../notifications/notifications.service';
import { LeadNotifier } from '../lead-notifier.service';

/**
 * Tells a lead's new assignee (and moves a reminder still ahead to them). Like the new-lead
 * listener, it runs from the outbox relay, which retries when planning fails.
 */
@Injectable()
export class LeadAssignedListener {
  private readonly logger = new Logger('LeadAssignedListener');

  constructor(
    private readonly notifier: LeadNotifier,
    private readonly notifications: NotificationsService,
  ) {}

  @OnEvent(LeadAssignedEvent.name, { suppressErrors: false })
  async handle(event: LeadAssignedEvent): Promise<void> {
    try {
      const lead = await this.notifier.loadLead(event.leadId);
      // Reassigned again meanwhile: the later event tells the later assignee.
      if (lead.assignedToId !== event.assigneeId) return;
      const messages = await this.notifier.messagesFor(lead, 'assigned');
      await this.notifications.plan(lead.id, 'email', messages);
    } catch (error) {
      this.logger.error(
        { leadId: event.leadId, err: error instanceof Error ? error.message : String(error) },
        `Could not plan the assignment notice for lead ${event.leadId}; the outbox will retry`,
      );
      throw error;
    }
  }
}
