/**
 * `npm run bench:pacebench` — how fast pacebench's simulator runs with the production predictive
 * policy (issue #4 target: ≥ 500,000 events per second), on one core, workload by workload.
 *
 * Each workload runs its seeds (`--seeds`, default 3; W6's 30 days: 1) in this process, one after the
 * other, `--repeats` times (default 3). It prints the first pass (what one `npm run pacebench` call
 * sees, JIT warm-up included) and the best and median of the passes: on a shared machine the best
 * pass is the one least disturbed by other tenants, the spread shows how much they disturb. The
 * progressive baseline on the same seeds is printed beside it, for the simulator's own cost. Each
 * policy and workload runs in a process of its own.
 * Prints a line per workload, then one JSON object. Options: --workloads W2,W3 (default all shipped),
 * --seeds N, --repeats N.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { progressivePolicy } from '../../src/domain/pacing/baselines.js';
import type { PacingPolicy } from '../../src/domain/pacing/pacing-policy.js';
import { predictivePolicy } from '../../src/domain/pacing/predictive-policy.js';
import { simulate } from '../../src/sim/pacebench/simulator.js';
import { loadWorkload, shippedWorkloads, WorkloadError } from '../../src/sim/pacebench/workload.js';
import { positiveOption } from './options.js';

const SEEDS = positiveOption('seeds', 3, true);
const REPEATS = positiveOption('repeats', 3, true);
const TARGET = 500_000;

function workloadsOption(): string[] {
  const i = process.argv.indexOf('--workloads');
  if (i < 0) return shippedWorkloads();
  const ids = (process.argv[i + 1] ?? '').split(',').filter(Boolean);
  if (ids.length === 0) throw new Error('--workloads needs a comma-separated list, e.g. W2,W3');
  return ids;
}

/** Events per second of one pass over the seeds. */
function pass(id: string, makePolicy: () => PacingPolicy): { events: number; perSecond: number } {
  const workload = loadWorkload(id);
  const seeds = workload.shift.days > 1 ? 1 : SEEDS;
  let events = 0;
  const started = performance.now();
  for (let seed = 1; seed <= seeds; seed += 1) events += simulate(workload, makePolicy(), { seed }).events;
  return { events, perSecond: Math.round(events / ((performance.now() - started) / 1000)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

interface Row {
  workload: string;
  events: number;
  first: number;
  best: number;
  median: number;
  progressiveBest: number;
}

/**
 * The passes of one policy on one workload, in a child process of its own, as one `npm run pacebench`
 * call would run them: one process running two policies makes the simulator's calls into the policy
 * polymorphic and slows both.
 */
function passesInChild(
  id: string,
  policy: 'predictive' | 'progressive',
): { events: number; perSecond: number }[] {
  const output = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      '--child',
      id,
      policy,
      '--seeds',
      String(SEEDS),
      '--repeats',
      String(REPEATS),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(output) as { events: number; perSecond: number }[];
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const id = process.argv[childAt + 1]!;
  const makePolicy =
    process.argv[childAt + 2] === 'progressive' ? progressivePolicy : () => predictivePolicy();
  process.stdout.write(JSON.stringify(Array.from({ length: REPEATS }, () => pass(id, makePolicy))));
} else {
  const ids = workloadsOption();
  // Refuse an unknown or invalid workload here, naming it, before any child is started.
  for (const id of ids) {
    try {
      loadWorkload(id);
    } catch (error) {
      if (!(error instanceof WorkloadError)) throw error;
      process.stderr.write(`bench:pacebench: workload refused: ${error.message}\n`);
      process.exit(2);
    }
  }
  const rows: Row[] = [];
  for (const id of ids) {
    const passes = passesInChild(id, 'predictive');
    const speeds = passes.map((p) => p.perSecond);
    const row: Row = {
      workload: id,
      events: passes[0]!.events,
      first: speeds[0]!,
      best: Math.max(...speeds),
      median: median(speeds),
      progressiveBest: Math.max(...passesInChild(id, 'progressive').map((p) => p.perSecond)),
    };
    rows.push(row);
    process.stdout.write(
      `${id.padEnd(6)} ${String(row.events).padStart(9)} events  predictive: first ${row.first}, ` +
        `best ${row.best}, median ${row.median} events/s${row.best >= TARGET ? '' : '  (below 500,000)'}` +
        `  ·  progressive best ${row.progressiveBest}\n`,
    );
  }
  process.stdout.write(`${JSON.stringify({ target: TARGET, seeds: SEEDS, repeats: REPEATS, rows })}\n`);
}
