import type { LeadState } from '../lead-state';

/** Emitted (through the outbox) once a lead moved along its lifecycle (PUT /leads/{id}). */
export class LeadStateChangedEvent {
  static readonly name = 'lead.state_changed';

  constructor(
    readonly leadId: string,
    readonly fromState: LeadState,
    readonly toState: LeadState,
    /** The user (or API key's admin) who changed it. */
    readonly changedById: string,
    readonly occurredAt: string,
  ) {}
}
