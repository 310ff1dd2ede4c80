/** Emitted (through the outbox) once an admin has given a lead to somebody else. */
export class LeadAssignedEvent {
  static readonly name = 'lead.assigned';

  constructor(
    readonly leadId: string,
    readonly assigneeId: string,
    readonly occurredAt: string,
  ) {}
}
