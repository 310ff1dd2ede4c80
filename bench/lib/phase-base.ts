import type { BenchDb, BenchStore } from './databases';
import type { BenchOptions, ScenarioName } from './options';
import type { Pinning } from './pinning';
import type { Row } from './report';
import type { Measurer, RequestSpec } from './scenarios';
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

  /** The one CPU of the write scenarios' servers, with pinning. */
  protected get pinned(): number[] | undefined {
    return this.pinning && [this.pinning.serverCpu];
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

  /**
   * The service on `db`; with pinning on its own CPU when `pinned`, else on every CPU the bench
   * had (a child would inherit the bench's own, narrower pinning).
   */
  protected async service(
    db: BenchDb,
    smtp: SmtpSink,
    label: string,
    pinned = false,
  ): Promise<Running> {
    const cpus = pinned ? this.pinned : this.pinning?.allCpus;
    const r = await startService(this.settings, db, smtp, label, cpus);
    this.running.add(r);
    return r;
  }

  protected async stop(r: Running, graceMs?: number): Promise<void> {
    await r.process.stop(graceMs);
    this.running.delete(r);
  }

  /** Measurer.measure against `r`; a failure carries what the server last printed. */
  protected async measureOn(
    r: Running,
    key: string,
    title: string,
    spec: RequestSpec,
    expectStatus: number,
    connections?: number,
  ): Promise<Row> {
    try {
      return await this.m.measure(key, title, spec, expectStatus, connections);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}\n--- its recent output:\n${r.process.recentOutput}`);
    }
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
