import { availableParallelism } from 'node:os';

/** Scenario names for `--only`, in the issues' order (1–11); digits are accepted too. */
export const SCENARIOS = [
  'create',
  'list',
  'search',
  'update',
  'login',
  'slow-smtp',
  'baseline',
  'floor',
  'speed-to-lead',
  'register',
  'reports',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** Measured seconds per scenario. */
  durationSeconds: number;
  /** Unmeasured seconds of the same load before each measurement. */
  warmupSeconds: number;
  connections: number;
  only: Set<ScenarioName>;
  dbType: 'sqlite' | 'postgres';
  bcryptCost: number;
  /** Leads in the "small" and "large" databases of scenario 2. */
  smallSeed: number;
  largeSeed: number;
  /** Write a V8 CPU profile of each service run to bench/results/profiles/. */
  cpuProf: boolean;
  /** Exit 1 when a scenario completed no request or had errors (the CI smoke test). */
  strict: boolean;
  cores: number;
  /** Scenario 9: submits per second, one open-loop run each (ascending). */
  rates: number[];
  /** `taskset` pinning of the servers to one core: auto = when taskset works and cores ≥ 2. */
  pin: 'auto' | 'on' | 'off';
  /** Scenario 10: conflict-register entries seeded for the second run (10 000; 1 000 with --quick). */
  registerSize: number;
  /** Scenario 11: leads seeded for GET /reports/intake (100 000; 10 000 with --quick). */
  reportSeed: number;
}

/** Scenario 9's rates: the issue's three, or one low rate for --quick (the CI smoke test). */
const FULL_RATES = [50, 150, 300];
const QUICK_RATES = [50];

/** Scenario 10's register: issue 14's 10 000 entries, or 1 000 for --quick (the CI smoke test). */
export const FULL_REGISTER = 10_000;
const QUICK_REGISTER = 1_000;

/** Scenario 11's leads: issue 15's 100 000, or 10 000 for --quick (the CI smoke test). */
export const FULL_REPORT_SEED = 100_000;
const QUICK_REPORT_SEED = 10_000;

/** A bad command line: reported as its message and the usage, without a stack trace. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm run bench -- [--quick] [--duration-seconds N] [--only a,b] [--rates a,b]
                       [--pin | --no-pin] [--cpu-prof] [--strict]

  --quick               5 s per scenario after a 1 s warm-up; speed-to-lead at one low rate only,
                        register against ${QUICK_REGISTER.toLocaleString('en-US')} entries instead of ${FULL_REGISTER.toLocaleString('en-US')},
                        the report over ${QUICK_REPORT_SEED.toLocaleString('en-US')} leads instead of ${FULL_REPORT_SEED.toLocaleString('en-US')}
  --duration-seconds N  measured seconds per scenario (default 10, or 5 with --quick)
  --only a,b            scenarios by name or number: ${SCENARIOS.map((s, i) => `${i + 1}=${s}`).join(' ')}
                        (slow-smtp, baseline and floor also run create: they are reported against it)
  --rates a,b           speed-to-lead: open-loop submits per second, N s each (default ${FULL_RATES.join(',')};
                        ${QUICK_RATES.join(',')} with --quick)
  --pin, --no-pin       run the service, the floor and the baseline on one CPU of their own with
                        taskset, the bench on the others (default: when taskset works and cores ≥ 2;
                        --pin fails without it). The read scenarios 2–5 always run unpinned.
  --cpu-prof            write a .cpuprofile of every service run to bench/results/profiles/
  --strict              exit 1 when a scenario completed no request or had any error (CI smoke test)

Environment: DB_TYPE=postgres runs against PostgreSQL (PG_BENCH_ADMIN_URL, default
postgres://postgres@127.0.0.1:5432/postgres); BCRYPT_COST (default 12); BENCH_SERVICE_ENTRY
(default dist/main.js).`;

export function parseOptions(argv: string[]): BenchOptions {
  let quick = false;
  let duration: number | undefined;
  let cpuProf = false;
  let strict = false;
  let only = new Set<ScenarioName>(SCENARIOS);
  let rates: number[] | undefined;
  let pin: BenchOptions['pin'] = 'auto';
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--quick') quick = true;
    else if (flag === '--cpu-prof') cpuProf = true;
    else if (flag === '--strict') strict = true;
    else if (flag === '--duration-seconds') duration = positive(flag, value());
    else if (flag === '--only') only = parseOnly(value());
    else if (flag === '--rates') rates = parseRates(value());
    else if (flag === '--pin') pin = 'on';
    else if (flag === '--no-pin') pin = 'off';
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`Unknown argument ${argv[i]}`);
  }
  // Scenarios 6, 7 and 8 are ratios against scenario 1.
  if (only.has('slow-smtp') || only.has('baseline') || only.has('floor')) only.add('create');
  const durationSeconds = duration ?? (quick ? 5 : 10);
  const dbType = process.env.DB_TYPE === 'postgres' ? 'postgres' : 'sqlite';
  return {
    quick,
    durationSeconds,
    warmupSeconds: Math.min(quick ? 1 : 2, durationSeconds),
    connections: 10,
    only,
    dbType,
    bcryptCost: process.env.BCRYPT_COST ? positive('BCRYPT_COST', process.env.BCRYPT_COST, 15) : 12,
    smallSeed: 1_000,
    largeSeed: 100_000,
    cpuProf,
    strict,
    cores: availableParallelism(),
    rates: rates ?? (quick ? QUICK_RATES : FULL_RATES),
    pin,
    registerSize: quick ? QUICK_REGISTER : FULL_REGISTER,
    reportSeed: quick ? QUICK_REPORT_SEED : FULL_REPORT_SEED,
  };
}

function positive(name: string, text: string, max = 3600): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    throw new UsageError(`${name}: expected a number above 0 and at most ${max}, got "${text}"`);
  }
  return n;
}

function parseOnly(text: string): Set<ScenarioName> {
  const picked = new Set<ScenarioName>();
  for (const raw of text.split(',').map((s) => s.trim().toLowerCase())) {
    if (!raw) continue;
    const name = /^([1-9]|1[01])$/.test(raw) ? SCENARIOS[Number(raw) - 1] : raw;
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new UsageError(`--only: unknown scenario "${raw}" (one of ${SCENARIOS.join(', ')})`);
    }
    picked.add(name as ScenarioName);
  }
  if (picked.size === 0) throw new UsageError('--only: no scenario named');
  return picked;
}

function parseRates(text: string): number[] {
  const rates = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => positive('--rates', s, 10_000));
  if (rates.length === 0) throw new UsageError('--rates: no rate given');
  return [...new Set(rates)].sort((a, b) => a - b);
}
