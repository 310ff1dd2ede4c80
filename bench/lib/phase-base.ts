import type { BenchDb, BenchStore } from './databases';
import type { BenchOptions, ScenarioName } from './options';
import type { Pinning } from './pinning';
import type { Row } from './report';
import type { Measurer } from './scenarios';
import type { SeedLeads } from './seed-data';
import { startService, type Running, type ServiceSettings } from './service';
import type { SmtpSink } from './smtp-sink';

/** What every phase of a bench run shares: the options, the databases and the running servers. */
export abstract class PhaseBase {
  protected readonly running = new Set<Running>();
  readonly seedSeconds: Record<string, number> = {};
  protected template?: BenchDb;

  constructor(
    protected readonly opts: BenchOptions,
    protected readonly store: BenchStore,
    protected readonly settings: ServiceSettings,
    protected readonly m: Measurer,
    protected readonly sinks: { instant: SmtpSink; slow: SmtpSink; slowMs: number },
    protected readonly pinning?: Pinning,
  ) {}

  /** The CPU the write scenarios' servers are pinned to, if any. */
  protected get cpu(): number | undefined {
    return this.pinning?.serverCpu;
  }

  /** Stops whatever still runs (also on errors and Ctrl-C). */
  async stopAll(): Promise<void> {
    for (const r of [...this.running]) await this.stop(r, 2_000);
  }

  protected async seed(db: BenchDb, leads: SeedLeads, from: number, to: number): Promise<void> {
    const t0 = Date.now();
    this.m.log(`seeding leads ${from}–${to} (${this.store.type} bulk insert, service stopped)`);
    await this.store.seed(db, leads, from, to);
    const seconds = (Date.now() - t0) / 1000;
    this.seedSeconds[`${from}-${to}`] = seconds;
    this.m.log(`  ${to - from} leads in ${seconds.toFixed(1)} s`);
  }

  /** The service on `db`; on `cpu` alone when given (see Pinning). */
  protected async service(
    db: BenchDb,
    smtp: SmtpSink,
    label: string,
    cpu?: number,
  ): Promise<Running> {
    const r = await startService(this.settings, db, smtp, label, cpu);
    this.running.add(r);
    return r;
  }

  protected async stop(r: Running, graceMs?: number): Promise<void> {
    await r.process.stop(graceMs);
    this.running.delete(r);
  }

  protected has(name: ScenarioName): boolean {
    return this.opts.only.has(name);
  }

  protected row(key: string): Row | undefined {
    return this.m.rows.find((r) => r.key === key);
  }
}

export const k = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a×');
