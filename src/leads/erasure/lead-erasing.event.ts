import type { EntityManager } from 'typeorm';

/**
 * Emitted (awaited) inside the erasure transaction, so features that keep their own copies of a
 * lead's data (webhook delivery bodies) scrub them in the same transaction; leads imports none
 * of them. Listeners must use `em` and must not swallow errors.
 */
export class LeadErasingEvent {
  static readonly name = 'lead.erasing';

  constructor(
    readonly leadId: string,
    readonly email: string,
    readonly em: EntityManager,
  ) {}
}
