import type { BenchDb, BenchStore } from './databases';
import type { BenchOptions, ScenarioName } from './options';
import type { Row } from './report';
import {
  createLeadSpec,
  listSpec,
  loginSpec,
  updateSpec,
  searchSpec,
  type Measurer,
} from './scenarios';
import { REGISTER_OPPOSING_PARTY, seedRegister } from './register-seed';
import { SeedLeads } from './seed-data';
import {
  login,
  loginForm,
  startBaseline,
  startService,
  type Running,
  type ServiceSettings,
} from './service';
import type { SmtpSink } from './smtp-sink';

/**
 * The order of a bench run. Each phase starts from a copy of one migrated template database, so
 * no scenario sees another's rows: the baseline, then POST /leads with an instant and with a slow
 * SMTP sink, then the reads on a database seeded with 1 000 and then 100 000 leads.
 */
export class Phases {
  private readonly running = new Set<Running>();
  readonly seedSeconds: Record<string, number> = {};
  private template?: BenchDb;

  constructor(
    private readonly opts: BenchOptions,
    private readonly store: BenchStore,
    private readonly settings: ServiceSettings,
    private readonly m: Measurer,
    private readonly sinks: { instant: SmtpSink; slow: SmtpSink; slowMs: number },
  ) {}

  async runAll(): Promise<void> {
    this.m.log('migrating a template database (first start creates the schema and admin)');
    const template = await this.store.fresh('template');
    await this.stop(await this.service(template, this.sinks.instant, 'template'));
    this.template = template;
    if (this.has('baseline')) await this.baseline();
    if (this.has('create'))
      await this.create('1-create', '1 POST /leads (instant SMTP)', 'instant');
    if (this.has('slow-smtp')) {
      const title = `6 POST /leads (SMTP ${this.sinks.slowMs / 1000} s/msg)`;
      const row = await this.create('6-slow-smtp', title, 'slow');
      const instant = this.row('1-create');
      if (instant) row.notes.unshift(`p99 ${ratio(row.result.p99, instant.result.p99)} instant`);
    }
    if (this.has('register')) await this.register();
    if (this.has('list') || this.has('login') || this.has('search') || this.has('update')) {
      await this.reads();
    }
  }

  /**
   * Scenario 8 (issue 14): POST /leads naming an other party, against an empty conflict register
   * and against one of 10 000 entries (the other party is one of them: every submit has a hit).
   */
  private async register(): Promise<void> {
    const REGISTER_SIZE = 10_000;
    const extra = { opposing_party: REGISTER_OPPOSING_PARTY };
    const empty = await this.service(
      await this.store.copy(this.template!, 'register-0'),
      this.sinks.instant,
      'register-0',
    );
    const base = await this.m.measure(
      '8-register-0',
      '8 POST /leads, empty conflict register',
      createLeadSpec(empty.baseUrl, 'register-0', extra),
      201,
    );
    await this.stop(empty);
    const db = await this.store.copy(this.template!, 'register-10k');
    const t0 = Date.now();
    this.m.log(`seeding ${REGISTER_SIZE} conflict-register entries (bulk insert, service stopped)`);
    const keys = await seedRegister(this.store, db, REGISTER_SIZE);
    this.seedSeconds['register-10k'] = (Date.now() - t0) / 1000;
    this.m.log(
      `  ${REGISTER_SIZE} entries, ${keys} name keys in ${this.seedSeconds['register-10k'].toFixed(1)} s`,
    );
    const s = await this.service(db, this.sinks.instant, 'register-10k');
    const row = await this.m.measure(
      '8-register-10k',
      `8 POST /leads, ${k(REGISTER_SIZE)} conflict register`,
      createLeadSpec(s.baseUrl, 'register-10k', extra),
      201,
    );
    row.notes.unshift(`${ratio(row.result.reqPerSec, base.result.reqPerSec)} empty register`);
    await this.stop(s);
  }

  /** Stops whatever still runs (also on errors and Ctrl-C). */
  async stopAll(): Promise<void> {
    for (const r of [...this.running]) await this.stop(r, 2_000);
  }

  private async baseline(): Promise<void> {
    const b = await startBaseline(await this.store.copy(this.template!, 'baseline'));
    this.running.add(b);
    const spec = createLeadSpec(b.baseUrl, 'baseline');
    await this.m.measure('7-baseline', '7 baseline: bare node:http POST /leads', spec, 201);
    await this.stop(b);
  }

  private async create(key: string, title: string, which: 'instant' | 'slow'): Promise<Row> {
    const sink = this.sinks[which];
    const s = await this.service(await this.store.copy(this.template!, which), sink, which);
    const before = sink.accepted;
    const row = await this.m.measure(key, title, createLeadSpec(s.baseUrl, which), 201);
    row.notes.push(`SMTP sink took ${sink.accepted - before} mails during the run`);
    const baseline = this.row('7-baseline');
    if (which === 'instant' && baseline) {
      row.notes.unshift(`${ratio(row.result.reqPerSec, baseline.result.reqPerSec)} baseline`);
    }
    // Mails still queued behind a slow sink do not matter any more.
    await this.stop(s, which === 'slow' ? 2_000 : 10_000);
    return row;
  }

  /** Scenarios 2–5 on one database, grown from 1 000 to 100 000 seeded leads in between. */
  private async reads(): Promise<void> {
    const db = await this.store.copy(this.template!, 'reads');
    const leads = new SeedLeads(this.opts.largeSeed);
    const needSmall = this.has('list') || this.has('login');
    if (needSmall) {
      await this.seed(db, leads, 0, this.opts.smallSeed);
      const s = await this.service(db, this.sinks.instant, 'reads-1k');
      const token = await login(s.baseUrl, this.settings);
      const title = `2 GET /leads?limit=50 @${k(this.opts.smallSeed)}`;
      if (this.has('list'))
        await this.m.measure('2-list-1k', title, listSpec(s.baseUrl, token), 200);
      if (this.has('login')) await this.logins(s, token);
      await this.stop(s);
    }
    if (this.has('list') || this.has('search') || this.has('update')) {
      await this.seed(db, leads, needSmall ? this.opts.smallSeed : 0, leads.total);
      const s = await this.service(db, this.sinks.instant, 'reads-100k');
      await this.large(s, await login(s.baseUrl, this.settings), leads);
      await this.stop(s);
    }
  }

  /** Scenarios 2 (second half), 3 and 4 at 100 000 leads; the writes of 4 come last. */
  private async large(s: Running, token: string, leads: SeedLeads): Promise<void> {
    const at = `@${k(leads.total)}`;
    if (this.has('list')) {
      const spec = listSpec(s.baseUrl, token);
      const row = await this.m.measure('2-list-100k', `2 GET /leads?limit=50 ${at}`, spec, 200);
      const small = this.row('2-list-1k');
      if (small) {
        row.notes.push(`p99 ${ratio(row.result.p99, small.result.p99)} @${k(this.opts.smallSeed)}`);
      }
    }
    if (this.has('search')) {
      const spec = searchSpec(s.baseUrl, token);
      const row = await this.m.measure(
        '3-search-100k',
        `3 GET /leads?q=<surname> ${at}`,
        spec,
        200,
      );
      row.notes.push('each term matches ~2 % of leads');
    }
    if (this.has('update')) {
      const spec = updateSpec(s.baseUrl, token, leads.ids);
      const row = await this.m.measure('4-update-100k', `4 PUT /leads/{id} ${at}`, spec, 200);
      const n = spec.touched();
      row.notes.push(
        n <= leads.total
          ? `${n} different leads, each a real PENDING→REACHED_OUT`
          : `${n} requests over ${leads.total} leads: repeats are no-ops`,
      );
    }
  }

  /** Scenario 5: logins alone, then GET /leads with and without a login storm beside it. */
  private async logins(s: Running, token: string): Promise<void> {
    const small = k(this.opts.smallSeed);
    const logins = loginSpec(s.baseUrl, loginForm(this.settings));
    const list = listSpec(s.baseUrl, token);
    const [alone] = await this.m.measureTogether([{ spec: logins, expectStatus: 200 }], '5 logins');
    this.m.add('5-login', `5 POST /auth/token (bcrypt cost ${this.opts.bcryptCost})`, alone, [
      `${(alone.reqPerSec / this.opts.cores).toFixed(2)} logins/s per core (${this.opts.cores} cores)`,
    ]);
    const quiet =
      this.row('2-list-1k') ??
      (await this.m.measure('5-quiet-list', `5 GET /leads?limit=50 @${small}, quiet`, list, 200));
    const [storm, stormLogins] = await this.m.measureTogether(
      [
        { spec: list, expectStatus: 200 },
        { spec: logins, expectStatus: 200 },
      ],
      '5 GET /leads during a login storm',
    );
    this.m.add('5-storm-list', `5 GET /leads?limit=50 @${small}, login storm`, storm, [
      `p99 ${ratio(storm.p99, quiet.result.p99)} quiet`,
      `storm beside it: ${stormLogins.reqPerSec.toFixed(1)} logins/s, p99 ${stormLogins.p99} ms`,
    ]);
  }

  private async seed(db: BenchDb, leads: SeedLeads, from: number, to: number): Promise<void> {
    const t0 = Date.now();
    this.m.log(`seeding leads ${from}–${to} (${this.store.type} bulk insert, service stopped)`);
    await this.store.seed(db, leads, from, to);
    const seconds = (Date.now() - t0) / 1000;
    this.seedSeconds[`${from}-${to}`] = seconds;
    this.m.log(`  ${to - from} leads in ${seconds.toFixed(1)} s`);
  }

  private async service(db: BenchDb, smtp: SmtpSink, label: string): Promise<Running> {
    const r = await startService(this.settings, db, smtp, label);
    this.running.add(r);
    return r;
  }

  private async stop(r: Running, graceMs?: number): Promise<void> {
    await r.process.stop(graceMs);
    this.running.delete(r);
  }

  private has(name: ScenarioName): boolean {
    return this.opts.only.has(name);
  }

  private row(key: string): Row | undefined {
    return this.m.rows.find((r) => r.key === key);
  }
}

const k = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a×');
