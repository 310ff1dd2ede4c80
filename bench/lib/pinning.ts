import { execFileSync } from 'node:child_process';

/**
 * CPU pinning with `taskset`: the servers under test on one core of their own, the bench (load
 * generator, SMTP sink) on the others. One core per server makes the ratios between them steadier
 * than two cores shared with the load generator and whatever else runs.
 */
export interface Pinning {
  /** The one CPU the service, the floor and the baseline run on. */
  serverCpu: number;
  /** The CPUs this process (autocannon, the open-loop submitter, the SMTP sink) keeps. */
  benchCpus: number[];
  /**
   * Every CPU this process had before: where unpinned children (the read scenarios' service) are
   * put explicitly, since a child inherits its parent's pinning.
   */
  allCpus: number[];
}

/** The CPUs this process may run on, from `taskset -pc`; undefined without a working taskset. */
function currentAffinity(): number[] | undefined {
  try {
    const out = execFileSync('taskset', ['-pc', String(process.pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const list = out.slice(out.lastIndexOf(':') + 1).trim();
    return parseCpuList(list);
  } catch {
    return undefined;
  }
}

/** "0-2,5" → [0, 1, 2, 5]. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.split(',').map((p) => p.trim())) {
    if (!part) continue;
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to)) throw new Error(`bad CPU list ${list}`);
    for (let c = from; c <= to; c += 1) cpus.push(c);
  }
  return cpus;
}

/**
 * `mode` auto: pin when taskset works and this process may use at least two CPUs; on: the same,
 * but an error when it cannot; off: never. Pins this process (all its threads) at once.
 */
export function setUpPinning(mode: 'auto' | 'on' | 'off'): Pinning | undefined {
  if (mode === 'off') return undefined;
  const cpus = currentAffinity();
  if (!cpus || cpus.length < 2) {
    if (mode === 'on') {
      throw new Error(
        cpus ? `--pin needs two CPUs, this process has ${cpus.length}` : '--pin needs taskset',
      );
    }
    return undefined;
  }
  const pinning = { serverCpu: cpus[cpus.length - 1], benchCpus: cpus.slice(0, -1), allCpus: cpus };
  execFileSync('taskset', ['-a', '-pc', pinning.benchCpus.join(','), String(process.pid)], {
    stdio: 'ignore',
  });
  return pinning;
}
