/**
 * `npm run bench`: drives the built service (dist/main.js) on 127.0.0.1 with autocannon, prints
 * one table and writes bench/results/latest.json. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from './lib/databases';
import { parseOptions, USAGE, UsageError } from './lib/options';
import { Phases } from './lib/phases';
import { setUpPinning, type Pinning } from './lib/pinning';
import { onInterrupt } from './lib/processes';
import { evaluateTargets, renderTable, writeResults } from './lib/report';
import { Measurer } from './lib/scenarios';
import { REPO_ROOT, serviceSettings } from './lib/service';
import { SmtpSink } from './lib/smtp-sink';

const RESULTS_DIR = join(__dirname, 'results');
const SLOW_SMTP_MS = 2_000;

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadBefore = loadavg()[0];
  const workDir = mkdtempSync(join(tmpdir(), 'lead-bench-'));
  const profileDir = opts.cpuProf ? join(RESULTS_DIR, 'profiles') : undefined;
  const store = createStore(opts.dbType, workDir);
  const m = new Measurer(opts);
  const sinks = {
    instant: new SmtpSink(0),
    slow: new SmtpSink(SLOW_SMTP_MS),
    slowMs: SLOW_SMTP_MS,
  };
  let phases: Phases | undefined;
  let pinning: Pinning | undefined;
  const cleanup = async () => {
    await phases?.stopAll();
    await Promise.all([sinks.instant.stop(), sinks.slow.stop()]);
    await store.cleanup().catch((e: unknown) => console.error(`dropping databases: ${String(e)}`));
    rmSync(workDir, { recursive: true, force: true });
  };
  onInterrupt(cleanup);
  try {
    const settings = serviceSettings(workDir, opts.bcryptCost, profileDir);
    pinning = setUpPinning(opts.pin);
    phases = new Phases(opts, store, settings, m, sinks, pinning);
    m.log(
      `${opts.dbType}, ${opts.cores} cores, bcrypt cost ${opts.bcryptCost}, ` +
        `${opts.connections} connections, ${opts.durationSeconds} s per scenario, ` +
        `scenarios: ${[...opts.only].join(', ')}`,
    );
    m.log(
      pinning
        ? `pinned: service, floor and baseline on CPU ${pinning.serverCpu} (reads unpinned), ` +
            `the bench on CPU ${pinning.benchCpus.join(',')}`
        : 'not pinned: servers and bench share every CPU',
    );
    if (loadBefore > opts.cores / 2) {
      m.log(
        `warning: load average ${loadBefore.toFixed(1)} on ${opts.cores} cores before the start: numbers will be noisy`,
      );
    }
    await sinks.instant.start();
    if (opts.only.has('slow-smtp')) await sinks.slow.start();
    await phases.runAll();
  } finally {
    await cleanup();
  }

  const targets = evaluateTargets(
    m.rows,
    opts.dbType,
    phases.speedRuns,
    opts.registerSize,
    opts.reportSeed,
  );
  const table = renderTable(m.rows, targets);
  console.log(`\n${table}\n`);
  const meta = {
    started_at: startedAt.toISOString(),
    total_seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    db: opts.dbType,
    node: process.version,
    cores: opts.cores,
    cpu: cpus()[0]?.model ?? 'unknown',
    // 1-minute load average: other work on the machine skews every number.
    load_average: { before: round1(loadBefore), after: round1(loadavg()[0]) },
    uv_threadpool_size: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    bcrypt_cost: opts.bcryptCost,
    connections: opts.connections,
    duration_seconds: opts.durationSeconds,
    warmup_seconds: opts.warmupSeconds,
    quick: opts.quick,
    scenarios_run: [...opts.only],
    speed_to_lead_rates: opts.only.has('speed-to-lead') ? opts.rates : [],
    // Scenario 10's seeded conflict register (1 000 with --quick instead of the issue's 10 000).
    register_size: opts.only.has('register') ? opts.registerSize : null,
    // Scenario 11's seeded leads (10 000 with --quick instead of the issue's 100 000).
    report_seed: opts.only.has('reports') ? opts.reportSeed : null,
    // taskset: the write scenarios' servers on one CPU of their own, the bench on the others.
    pinning: pinning
      ? { server_cpu: pinning.serverCpu, bench_cpus: pinning.benchCpus, reads_pinned: false }
      : null,
    seed_seconds: phases.seedSeconds,
    service: process.env.BENCH_SERVICE_ENTRY ?? 'dist/main.js',
    git: gitDescription(),
    table,
  };
  for (const name of ['latest.json', `latest-${opts.dbType}.json`]) {
    writeResults(join(RESULTS_DIR, name), meta, m.rows, targets, phases.speedRuns);
  }
  if (profileDir) m.log(`CPU profiles in ${profileDir}`);
  m.log(`wrote bench/results/latest.json (${meta.total_seconds} s in all)`);
  const broken = m.rows.filter((r) => r.result.requests === 0 || r.result.errors > 0);
  if (opts.strict && broken.length > 0) {
    console.error(`--strict: no requests or errors in: ${broken.map((r) => r.key).join(', ')}`);
    process.exitCode = 1;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function gitDescription(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'src').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted src changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
