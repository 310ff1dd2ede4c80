import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LeadCreatedEvent } from '../../leads/events/lead-created.event';
import { LeadNotifier } from '../lead-notifier.service';

/** Sends a new lead's emails. Never throws into the emitter: failures are logged with the lead id. */
@Injectable()
export class LeadCreatedListener {
  private readonly logger = new Logger('LeadCreatedListener');

  constructor(private readonly notifier: LeadNotifier) {}

  @OnEvent(LeadCreatedEvent.name, { async: true })
  async handle(event: LeadCreatedEvent): Promise<void> {
    try {
      const lead = await this.notifier.loadLead(event.leadId);
      const messages = await this.notifier.messagesFor(lead);
      const results = await Promise.allSettled(messages.map((m) => this.notifier.send(lead, m)));
      results.forEach((result, i) => {
        if (result.status === 'rejected') {
          this.logger.error(
            { leadId: event.leadId, kind: messages[i].kind, err: errorMessage(result.reason) },
            `Could not send ${messages[i].kind} for lead ${event.leadId}`,
          );
        }
      });
    } catch (error) {
      this.logger.error(
        { leadId: event.leadId, err: errorMessage(error) },
        `Could not notify about lead ${event.leadId}`,
      );
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
