import { FULL_REGISTER } from './options';
import { k, ratio } from './phase-base';
import { ReportPhases } from './report-phase';
import { REGISTER_OPPOSING_PARTY, seedRegister } from './register-seed';
import type { Row } from './report';
import { createLeadSpec } from './scenarios';
import { startBaseline, startFloor } from './service';
import { asLoadResult, speedNotes, speedToLead, type SpeedToLead } from './speed-to-lead';

/**
 * The order of a bench run. Each phase starts from a copy of one migrated template database, so
 * no scenario sees another's rows: the bare baseline and the framework floor, then POST /leads
 * with an instant and with a slow SMTP sink, the open-loop speed-to-lead runs, POST /leads against
 * an empty and a seeded conflict register, the intake report at 100 000 leads, then the reads on a database seeded with 1 000 and then
 * 100 000 leads. With pinning, everything but the reads
 * runs on the one CPU of `pinning.serverCpu` (scenario 5 is about how the service shares the
 * machine's cores between bcrypt and requests).
 */
export class Phases extends ReportPhases {
  /** Scenario 9's runs, one per rate, for the JSON. */
  readonly speedRuns: SpeedToLead[] = [];

  async runAll(): Promise<void> {
    this.m.log('migrating a template database (first start creates the schema and admin)');
    const template = await this.store.fresh('template');
    await this.stop(await this.service(template, this.sinks.instant, 'template'));
    this.template = template;
    if (this.has('baseline')) await this.baseline();
    if (this.has('floor')) await this.floor();
    if (this.has('create'))
      await this.create('1-create', '1 POST /leads (instant SMTP)', 'instant');
    if (this.has('slow-smtp')) {
      const title = `6 POST /leads (SMTP ${this.sinks.slowMs / 1000} s/msg)`;
      const row = await this.create('6-slow-smtp', title, 'slow');
      const instant = this.row('1-create');
      if (instant) row.notes.unshift(`p99 ${ratio(row.result.p99, instant.result.p99)} instant`);
    }
    if (this.has('speed-to-lead')) {
      for (const rate of this.opts.rates) await this.speed(rate);
    }
    if (this.has('register')) await this.register();
    if (this.has('reports')) await this.reports();
    if (this.has('list') || this.has('login') || this.has('search') || this.has('update')) {
      await this.reads();
    }
  }

  private async baseline(): Promise<void> {
    const b = await startBaseline(await this.store.copy(this.template!, 'baseline'), this.pinned);
    this.running.add(b);
    const spec = createLeadSpec(b.baseUrl, 'baseline');
    await this.measureOn(b, '7-baseline', '7 baseline: bare node:http POST /leads', spec, 201);
    await this.stop(b);
  }

  private async floor(): Promise<void> {
    const f = await startFloor(await this.store.copy(this.template!, 'floor'), this.pinned);
    this.running.add(f);
    const spec = createLeadSpec(f.baseUrl, 'floor');
    const title = '8 framework floor: Nest + TypeORM POST /leads';
    await this.measureOn(f, '8-floor', title, spec, 201);
    await this.stop(f);
  }

  /**
   * Scenario 9 at one rate, on a fresh copy and a fresh start: a warm-up at the same rate (its
   * notices awaited too, so no backlog is carried over), then the measured run.
   */
  private async speed(rate: number): Promise<void> {
    const sink = this.sinks.instant;
    const db = await this.store.copy(this.template!, `speed_${rate}`);
    const s = await this.service(db, sink, `speed-${rate}`, true);
    const seconds = this.opts.durationSeconds;
    this.m.log(
      `9 speed-to-lead ${rate}/s: ${this.opts.warmupSeconds} s warm-up, ${seconds} s open loop`,
    );
    await speedToLead(s.baseUrl, sink, rate, this.opts.warmupSeconds, `warm${rate}`);
    const run = await speedToLead(s.baseUrl, sink, rate, seconds, `speed${rate}`);
    this.speedRuns.push(run);
    const title = `9 speed-to-lead ${rate}/s open loop: submit→notice`;
    this.m.add(`9-speed-${rate}`, title, asLoadResult(run), speedNotes(run));
    await this.stop(s);
  }

  /**
   * Scenario 10 (issue 14): POST /leads naming an other party, against an empty conflict register
   * and against one of 10 000 entries (1 000 with --quick; the other party is one of them, so
   * every submit has a hit). Each run on its own copy of the template and a fresh, pinned start.
   */
  private async register(): Promise<void> {
    const size = this.opts.registerSize;
    const extra = { opposing_party: REGISTER_OPPOSING_PARTY };
    const sink = this.sinks.instant;
    const empty = await this.service(
      await this.store.copy(this.template!, 'register_0'),
      sink,
      'register-0',
      true,
    );
    const spec0 = createLeadSpec(empty.baseUrl, 'register0', extra);
    const title0 = '10 POST /leads naming an other party, empty conflict register';
    const base = await this.measureOn(empty, '10-register-0', title0, spec0, 201);
    await this.stop(empty);

    const label = `register-${k(size)}`;
    const db = await this.store.copy(this.template!, `register_${size}`);
    const t0 = Date.now();
    const quick =
      size < FULL_REGISTER ? `; --quick: ${k(size)}, not the issue's ${k(FULL_REGISTER)}` : '';
    this.m.log(`seeding ${size} conflict-register entries (bulk insert, service stopped${quick})`);
    const keys = await seedRegister(this.store, db, size);
    this.seedSeconds[label] = (Date.now() - t0) / 1000;
    this.m.log(`  ${size} entries, ${keys} name keys in ${this.seedSeconds[label].toFixed(1)} s`);
    const s = await this.service(db, sink, label, true);
    const spec = createLeadSpec(s.baseUrl, `register${size}`, extra);
    const title = `10 POST /leads naming an other party, ${k(size)}-entry conflict register`;
    const row = await this.measureOn(s, '10-register-seeded', title, spec, 201);
    row.notes.unshift(`${ratio(row.result.reqPerSec, base.result.reqPerSec)} empty register`);
    if (quick) row.notes.push(`--quick: ${k(size)} entries, not ${k(FULL_REGISTER)}`);
    await this.stop(s);
  }

  private async create(key: string, title: string, which: 'instant' | 'slow'): Promise<Row> {
    const sink = this.sinks[which];
    const db = await this.store.copy(this.template!, which);
    const s = await this.service(db, sink, which, true);
    const before = sink.accepted;
    const row = await this.measureOn(s, key, title, createLeadSpec(s.baseUrl, which), 201);
    row.notes.push(`SMTP sink took ${sink.accepted - before} mails during the run`);
    if (which === 'instant') {
      for (const [floorKey, name] of [
        ['7-baseline', 'bare baseline'],
        ['8-floor', 'framework floor'],
      ]) {
        const floor = this.row(floorKey);
        if (floor)
          row.notes.unshift(`${ratio(row.result.reqPerSec, floor.result.reqPerSec)} ${name}`);
      }
    }
    // Mails still queued behind a slow sink do not matter any more.
    await this.stop(s, which === 'slow' ? 2_000 : 10_000);
    return row;
  }
}
