import { waitFor } from './wait-for';

/**
 * Holds `parties` concurrent flows at one point until all of them have reached it, so a test can
 * force an interleaving (both read, then both write) instead of hoping the scheduler produces it.
 * Fails after `timeoutMs` when a party never arrives.
 */
export class Barrier {
  private arrived = 0;

  constructor(
    private readonly parties: number,
    private readonly timeoutMs = 5000,
  ) {}

  /** How many flows have reached the barrier so far. */
  get count(): number {
    return this.arrived;
  }

  async arrive(): Promise<void> {
    this.arrived += 1;
    await waitFor(() => this.arrived >= this.parties, {
      timeoutMs: this.timeoutMs,
      intervalMs: 5,
      what: `${this.parties} flows at the barrier (${this.arrived} arrived)`,
    });
  }
}
