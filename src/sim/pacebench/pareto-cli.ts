/**
 * `npm run --silent pacebench:pareto -- --workload W2 --seeds 10 [--first-seed S] [--hours H] [--at 0.03]
 * [--json] [--families predictive,vicidial,ratio,erlang-b] [--baseline vicidial] [--jobs N]`: occupancy
 * at matched abandonment (research/pacing.md §5.4) with per-seed paired differences to a baseline
 * family (§5.6). The logic is pareto.ts; this file parses flags, reports progress on stderr and formats
 * the result. `--jobs N` runs the (setting, seed) replications on N worker threads (default: one per
 * available core; 1 runs them here); the output is the same whatever N.
 */
import { performance } from 'node:perf_hooks';
import { exitForError, forEachFlag, positiveNumber, UsageError } from './args.js';
import type { FamilyAnalysis, FamilyName, FamilyRun, Interpolation, ParetoAnalysis } from './pareto.js';
import {
  analyseSweep,
  FAMILY_NAMES,
  familySweep,
  isFamilyName,
  runSweepParallel,
  whyUndefined,
} from './pareto.js';
import { defaultJobs } from './replication-pool.js';
import type { Interval } from './report.js';
import { speedLine } from './report.js';
import { loadWorkload } from './workload.js';

const DEFAULT_AT = 0.03;
const DEFAULT_SEEDS = 10;
const DEFAULT_FAMILIES: FamilyName[] = ['predictive', 'vicidial'];
const DEFAULT_BASELINE: FamilyName = 'vicidial';

function usage(): string {
  return `usage: pacebench:pareto --workload W1…W6|W1-M…W3-M|FILE.yaml [--seeds N] [--first-seed S] [--hours H] [--at A] [--json] [--families ${FAMILY_NAMES.join(',')}] [--baseline FAMILY] [--jobs N]`;
}

interface ParetoArgs {
  workload: string;
  seeds: number;
  firstSeed: number;
  hours: number | undefined;
  at: number;
  json: boolean;
  families: FamilyName[];
  /** Undefined when the default baseline is not among the families: no differences then. */
  baseline: FamilyName | undefined;
  /** Worker threads for the replications. */
  jobs: number;
}

function familyName(flag: string, raw: string): FamilyName {
  if (isFamilyName(raw)) return raw;
  throw new UsageError(`${flag}: unknown family "${raw}"; expected one of ${FAMILY_NAMES.join(', ')}`);
}

function parseArgs(argv: string[]): ParetoArgs {
  let workload: string | undefined;
  let seeds = DEFAULT_SEEDS;
  let firstSeed = 1;
  let hours: number | undefined;
  let at = DEFAULT_AT;
  let json = false;
  let families = DEFAULT_FAMILIES;
  let baseline: FamilyName | undefined;
  let jobs: number | undefined;
  forEachFlag(argv, (flag, value) => {
    switch (flag) {
      case '--workload':
        workload = value();
        break;
      case '--seeds':
        seeds = positiveNumber(flag, value(), true);
        break;
      case '--first-seed':
        firstSeed = positiveNumber(flag, value(), true);
        break;
      case '--hours':
        hours = positiveNumber(flag, value(), false);
        break;
      case '--at': {
        const raw = value();
        at = Number(raw);
        if (!Number.isFinite(at) || at <= 0 || at >= 1) {
          throw new UsageError(`--at: expected an abandonment rate strictly between 0 and 1, got ${raw}`);
        }
        break;
      }
      case '--json':
        json = true;
        break;
      case '--families': {
        const names = value()
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        if (names.length === 0) throw new UsageError('--families: expected at least one family');
        families = [...new Set(names.map((f) => familyName(flag, f)))];
        break;
      }
      case '--baseline':
        baseline = familyName(flag, value());
        break;
      case '--jobs':
        jobs = positiveNumber(flag, value(), true);
        break;
      default:
        throw new UsageError(`${flag}: unknown flag`);
    }
  });
  if (!workload) throw new UsageError('--workload: required');
  if (baseline && !families.includes(baseline)) {
    throw new UsageError(`--baseline: ${baseline} is not among --families ${families.join(',')}`);
  }
  if (!baseline && families.includes(DEFAULT_BASELINE)) baseline = DEFAULT_BASELINE;
  return { workload, seeds, firstSeed, hours, at, json, families, baseline, jobs: jobs ?? defaultJobs() };
}

const pct = (v: number, digits = 2) => `${(v * 100).toFixed(digits)}%`;

function formatOccupancy(i: Interval): string {
  if (i.n === 0) return 'n/a';
  return i.low === i.high ? pct(i.mean) : `${pct(i.mean)} [${pct(i.low)}, ${pct(i.high)}]`;
}

function formatPoints(i: Interval): string {
  const pp = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)}`;
  if (i.n === 0) return 'n/a';
  return i.low === i.high ? `${pp(i.mean)} pp` : `${pp(i.mean)} pp [${pp(i.low)}, ${pp(i.high)}]`;
}

function formatInterpolation(i: Interpolation): string {
  return i.kind === 'interpolated' ? pct(i.occupancy) : 'n/a';
}

function differenceCell(f: FamilyAnalysis, a: ParetoAnalysis): string {
  if (f.family === a.baseline) return '(baseline)';
  if (!f.difference) return 'n/a';
  return `${formatPoints(f.difference.interval)} (${f.difference.interval.n} pairs)`;
}

function markdownPareto(a: ParetoAnalysis, workload: string, hours: number, command: string): string {
  const at = `${Number((a.at * 100).toFixed(2))}%`;
  const first = a.seeds[0];
  const last = a.seeds[a.seeds.length - 1];
  const lines = [
    `# pacebench:pareto: ${workload}, occupancy at ${at} FTC abandonment`,
    '',
    `Command: \`${command}\``,
    '',
    `Seeds ${first}–${last} (${a.seeds.length}), ${hours} h per day, the same seeds for every setting. ` +
      `Per seed, each family's settings give points (abandonRateFtc, occupancyTalk); their upper Pareto ` +
      `frontier is interpolated linearly at ${at}. Cells: mean [95% CI over seeds, Student t]. ` +
      (a.baseline
        ? `Δ is the per-seed paired difference to ${a.baseline}, in percentage points.`
        : 'No baseline family among --families: no differences.'),
    '',
    `| family | settings | occupancy at ${at} (per seed) | seeds with a value | occupancy at ${at} (seed-averaged curve) | Δ vs ${a.baseline ?? '—'} |`,
    '|---|---|---|---|---|---|',
  ];
  for (const f of a.families) {
    lines.push(
      `| ${f.family} | ${f.settings.length} | ${formatOccupancy(f.atPerSeed)} | ${f.atPerSeed.n}/${a.seeds.length} | ` +
        `${formatInterpolation(f.atMeanCurve)} | ${differenceCell(f, a)} |`,
    );
  }
  const notes: string[] = [];
  for (const f of a.families) {
    const curve = whyUndefined(f.atMeanCurve, a.at);
    if (curve) notes.push(`- ${f.family}, seed-averaged curve: ${curve}.`);
    f.perSeed.forEach((i, k) => {
      const why = whyUndefined(i, a.at);
      if (why) notes.push(`- ${f.family}, seed ${a.seeds[k]}: ${why}.`);
    });
  }
  if (notes.length > 0)
    lines.push('', 'Values left undefined (NaN, excluded from means and pairs):', '', ...notes);
  lines.push(
    '',
    '## Frontiers of the seed-averaged points',
    '',
    '| family | setting | FTC abandonment | occupancyTalk |',
    '|---|---|---|---|',
  );
  for (const f of a.families) {
    for (const p of f.meanFrontier) {
      lines.push(`| ${f.family} | ${p.setting} | ${pct(p.abandonRate)} | ${pct(p.occupancy)} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** One JSON object: the analysis plus every setting's per-seed figures; NaN as null. */
function paretoJson(a: ParetoAnalysis, runs: FamilyRun[], workload: string, hours: number, events: number) {
  const families = a.families.map((f, k) => ({ ...f, runs: runs[k]?.settings ?? [] }));
  return JSON.stringify({ workload, hours, events, ...a, families }, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? null : value,
  );
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const workload = loadWorkload(args.workload);
    const seeds = Array.from({ length: args.seeds }, (_, i) => args.firstSeed + i);
    const sweeps = args.families.map((f) => familySweep(f, workload));
    const started = performance.now();
    let events = 0;
    let busyMs = 0;
    const runs = await runSweepParallel(workload, sweeps, {
      seeds,
      hours: args.hours,
      jobs: args.jobs,
      onSetting: (done, total, n, ms) => {
        events += n;
        busyMs += ms;
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write(
          `pacebench:pareto: ${done}/${total} settings, ${Math.round(events / seconds)} events/s\n`,
        );
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const replications = sweeps.reduce((n, f) => n + f.settings.length, 0) * seeds.length;
    process.stderr.write(
      speedLine('pacebench:pareto', events, seconds, Math.min(args.jobs, replications), busyMs, 1),
    );
    const analysis = analyseSweep(runs, seeds, args.at, args.baseline);
    const hours = Math.min(workload.shift.hours, args.hours ?? Number.POSITIVE_INFINITY);
    if (args.json) {
      process.stdout.write(`${paretoJson(analysis, runs, workload.id, hours, events)}\n`);
    } else {
      const command = `npm run --silent pacebench:pareto -- ${argv.join(' ')}`;
      process.stdout.write(markdownPareto(analysis, workload.id, hours, command));
    }
    return 0;
  } catch (error) {
    return exitForError('pacebench:pareto', error, usage());
  }
}

process.exitCode = await main(process.argv.slice(2));
