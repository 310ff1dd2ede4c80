import { GoneException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { toLeadResponse } from '../leads/dto/lead-response.dto';
import { LeadAssignedEvent } from '../leads/events/lead-assigned.event';
import { LeadCreatedEvent } from '../leads/events/lead-created.event';
import { LeadStateChangedEvent } from '../leads/events/lead-state-changed.event';
import { LeadsService } from '../leads/leads.service';
import type { OutboxEnvelope } from '../outbox/outbox.service';
import { WebhookDeliveries } from './webhook-deliveries.service';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEndpoint, eventsOf } from './webhook-endpoint.entity';
import type { WebhookEventType } from './webhook-events';

interface LeadEvent {
  leadId: string;
  occurredAt: string;
}

/**
 * Turns the leads feature's outbox events into one delivery per subscribed endpoint; the
 * dispatcher sends them. Runs in the outbox relay, never in a request. A failure is logged with
 * the lead id and handed back to the relay, which publishes the event again later (planning is
 * idempotent).
 */
@Injectable()
export class WebhookPlanner {
  private readonly logger = new Logger('WebhookPlanner');

  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    private readonly leads: LeadsService,
    private readonly deliveries: WebhookDeliveries,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  @OnEvent(LeadCreatedEvent.name, { suppressErrors: false })
  created(event: LeadCreatedEvent, envelope?: OutboxEnvelope): Promise<void> {
    return this.plan('lead.created', event, envelope);
  }

  @OnEvent(LeadStateChangedEvent.name, { suppressErrors: false })
  stateChanged(event: LeadStateChangedEvent, envelope?: OutboxEnvelope): Promise<void> {
    return this.plan('lead.state_changed', event, envelope);
  }

  @OnEvent(LeadAssignedEvent.name, { suppressErrors: false })
  assigned(event: LeadAssignedEvent, envelope?: OutboxEnvelope): Promise<void> {
    return this.plan('lead.assigned', event, envelope);
  }

  private async plan(
    type: WebhookEventType,
    event: LeadEvent,
    envelope: OutboxEnvelope | undefined,
  ): Promise<void> {
    // Only the outbox relay knows an event's id; an event from anywhere else cannot be planned
    // idempotently, so it is not planned at all.
    if (!envelope) return;
    try {
      const subscribed = (await this.endpoints.find({ select: { id: true, events: true } }))
        .filter((e) => eventsOf(e).includes(type))
        .map((e) => e.id);
      if (subscribed.length === 0) return;
      const lead = await this.leads.get(event.leadId).catch((error: unknown) => {
        // Erased (or gone): there is nothing left to tell anybody.
        if (error instanceof GoneException || error instanceof NotFoundException) return null;
        throw error;
      });
      // Spam is nobody's business outside the firm (no lead.created went out for it either).
      if (!lead || lead.spam) return;
      const body = JSON.stringify({
        id: envelope.eventId,
        type,
        created_at: event.occurredAt,
        data: { lead: toLeadResponse(lead) },
      });
      await this.deliveries.plan(
        { eventId: envelope.eventId, type, leadId: lead.id, body },
        subscribed,
      );
      this.dispatcher.kick();
    } catch (error) {
      this.logger.error(
        { leadId: event.leadId, type, err: error instanceof Error ? error.message : String(error) },
        `Could not plan ${type} webhooks for lead ${event.leadId}; the outbox will retry`,
      );
      throw error;
    }
  }
}
