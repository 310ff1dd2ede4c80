import { Logger } from '@nestjs/common';
import { AsyncResource } from 'node:async_hooks';

const MAX_BACKOFF_MS = 30_000;

/**
 * Runs `tick` every `intervalMs`, or at once when kicked, never two at a time, until stopped.
 * `tick` returns true when it found work, so a backlog drains without waiting for the timer.
 */
export class PollingWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private failures = 0;
  // Timers run in the worker's own async context, not in that of the request that kicked it,
  // so its log lines do not carry a stranger's request id.
  private readonly scope = new AsyncResource('PollingWorker');

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<boolean>,
    private readonly logger = new Logger(name),
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a run as soon as the current one (if any) is done. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = this.scope.runInAsyncScope(() => setTimeout(() => void this.run(), delayMs));
    this.timer.unref();
  }

  private async run(): Promise<void> {
    if (this.stopped || this.running) return;
    let busy = false;
    this.running = (async () => {
      try {
        busy = await this.tick();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.logger.error({ err: error }, `${this.name} failed (${this.failures}x); retrying`);
      }
    })();
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const now = (busy || this.again) && this.failures === 0;
    this.again = false;
    // A persistent fault (database down) slows the loop down instead of flooding the log.
    const backoff = Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** this.failures);
    this.schedule(now ? 0 : backoff);
  }
}
