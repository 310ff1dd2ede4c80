/** Emitted once a lead is committed. Carries ids only: listeners load what they need. */
export class LeadCreatedEvent {
  static readonly name = 'lead.created';

  constructor(
    readonly leadId: string,
    readonly occurredAt: string,
  ) {}
}
