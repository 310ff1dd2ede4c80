interface Window {
  count: number;
  resetsAt: number;
}

/**
 * Counts failures per key in fixed windows (e.g. failed logins per IP per minute). In memory and
 * per process: behind a load balancer each instance counts on its own. Bounded: expired windows
 * are swept, and past `maxKeys` the oldest keys are dropped.
 */
export class FailureWindow {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it is not blocked. */
  retryAfterSeconds(key: string): number {
    const w = this.live(key);
    return w && w.count >= this.limit
      ? Math.max(1, Math.ceil((w.resetsAt - this.now()) / 1000))
      : 0;
  }

  recordFailure(key: string): void {
    const w = this.live(key);
    if (w) {
      w.count += 1;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.sweep();
    this.windows.set(key, { count: 1, resetsAt: this.now() + this.windowMs });
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private live(key: string): Window | undefined {
    const w = this.windows.get(key);
    if (w && w.resetsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, w] of this.windows) if (w.resetsAt <= now) this.windows.delete(key);
    // Still full of live windows (an attack from many addresses): forget the oldest half.
    if (this.windows.size >= this.maxKeys) {
      const drop = [...this.windows.keys()].slice(0, Math.ceil(this.maxKeys / 2));
      for (const key of drop) this.windows.delete(key);
    }
  }
}
