/**
 * The events an endpoint may subscribe to: the names of the leads feature's outbox events
 * (LeadCreatedEvent.name, LeadStateChangedEvent.name, LeadAssignedEvent.name), as literals so
 * they can type the wire format.
 */
export const WEBHOOK_EVENTS = ['lead.created', 'lead.state_changed', 'lead.assigned'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
