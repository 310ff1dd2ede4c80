import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LeadErasingEvent } from '../leads/erasure/lead-erasing.event';
import { WebhookDeliveries } from './webhook-deliveries.service';

/**
 * Erasure reaches the webhook delivery bodies (copies of the lead's staff view), inside the
 * erasure's transaction; an error rolls the erasure back rather than leaving a copy behind.
 */
@Injectable()
export class WebhookErasureListener {
  constructor(private readonly deliveries: WebhookDeliveries) {}

  @OnEvent(LeadErasingEvent.name, { suppressErrors: false })
  async handle(event: LeadErasingEvent): Promise<void> {
    await this.deliveries.eraseLead(event.em, event.leadId);
  }
}
