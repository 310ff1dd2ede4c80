import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** Every child still running; killed outright if the bench dies before stopping them. */
const live = new Set<ChildProcess>();
const OUTPUT_KEEP_CHARS = 20_000;

process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Ctrl-C (or a SIGTERM from CI) runs `cleanup` — stop children, drop databases — for at most a
 * few seconds, then exits; a second signal exits at once.
 */
export function onInterrupt(cleanup: () => Promise<void>): void {
  let interrupted = false;
  const handler = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping the service and cleaning up…`);
    const giveUp = setTimeout(() => process.exit(130), 10_000);
    giveUp.unref();
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** A free TCP port on 127.0.0.1 (the kernel's choice; nothing else is probed). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SpawnSpec {
  name: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Run on these CPUs only (`taskset -c`); otherwise on those of the bench (inherited). */
  cpus?: number[];
}

/** A node child process with its recent output kept for error messages. */
export class ManagedProcess {
  private output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(private readonly spec: SpawnSpec) {
    // taskset execs node in its own place, so the pid (and signals) are node's.
    const [command, args] =
      spec.cpus === undefined
        ? [process.execPath, spec.args]
        : ['taskset', ['-c', spec.cpus.join(','), process.execPath, ...spec.args]];
    this.child = spawn(command, args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(this.child);
    const keep = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-OUTPUT_KEEP_CHARS);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => {
        live.delete(this.child);
        resolve();
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentOutput(): string {
    return this.output;
  }

  /** Polls `url` until it answers 2xx, the process dies, or `timeoutMs` passes. */
  async waitReady(url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.spec.name} exited:\n${this.output}`);
      const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${this.spec.name} not ready at ${url} after ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM (graceful: lets --cpu-prof write its file), then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
