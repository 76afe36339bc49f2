/**
 * Occupancy at matched abandonment (research/pacing.md §5.4 main comparison, §5.6 paired protocol).
 * Each policy family is swept over its aggressiveness knob on the same seeds (common random numbers);
 * per seed, the upper Pareto frontier of (FTC abandonment, occupancy) is interpolated linearly at one
 * abandonment rate, and families are compared by per-seed paired differences. No I/O here (beyond
 * runSweepParallel's worker threads): the command is pareto-cli.ts.
 */
import { performance } from 'node:perf_hooks';
import type { AdaptiveDropMode } from '../../domain/pacing/baselines.js';
import { erlangBPolicy, fixedRatioPolicy, vicidialAdaptivePolicy } from '../../domain/pacing/baselines.js';
import type { PacingPolicy } from '../../domain/pacing/pacing-policy.js';
import { predictivePolicy } from '../../domain/pacing/predictive-policy.js';
// HOUR_SECONDS rather than workload.ts's SECONDS_PER_HOUR: replication workers import this file, and
// workload.ts would load zod and yaml into every worker for one constant.
import { HOUR_SECONDS } from './metrics.js';
import { runReplications } from './replication-pool.js';
import type { ReplicationJob } from './replication-worker.js';
import type { Interval } from './report.js';
import { meanInterval } from './report.js';
import { simulate } from './simulator.js';
import type { Workload } from './workload.js';

export const FAMILY_NAMES = ['predictive', 'vicidial', 'ratio', 'erlang-b'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

export function isFamilyName(name: string): name is FamilyName {
  return (FAMILY_NAMES as readonly string[]).includes(name);
}

/** Abandonment targets α handed to the policies that read `obs.target.maxAbandonRate`. */
export const TARGET_SWEEP = [0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.06, 0.08, 0.1];
/** VICIdial `adaptive_dropped_percentage` × `dial_method` drop mode × `adaptive_intensity`. */
export const VICIDIAL_DROP_SWEEP = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08];
export const VICIDIAL_MODES: readonly AdaptiveDropMode[] = ['AVERAGE', 'HARD_LIMIT', 'TAPERED'];
export const VICIDIAL_INTENSITY_SWEEP = [-50, 0, 50];
export const RATIO_SWEEP = [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.75, 2, 2.5, 3];

export interface SweepSetting {
  label: string;
  /** The workload as simulated: the target sweeps replace `abandonment.maxRate`. */
  workload: Workload;
  /** A factory, so each replication starts from a fresh policy state. */
  make(): PacingPolicy;
  /** Where familySweep(family, base workload) put it: how a worker thread rebuilds it (`--jobs`). */
  ref?: { family: FamilyName; index: number };
}

export interface SweepFamily {
  family: string;
  settings: SweepSetting[];
}

const percent = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;

function withTarget(workload: Workload, maxRate: number): Workload {
  return { ...workload, abandonment: { ...workload.abandonment, maxRate } };
}

/** The settings swept for one family (§5.5: each baseline at its best-tuned envelope). */
export function familySweep(family: FamilyName, workload: Workload): SweepFamily {
  const sweep = familySettings(family, workload);
  sweep.settings.forEach((s, index) => (s.ref = { family, index }));
  return sweep;
}

/** A policy that reads its target from the observation, run at each α of TARGET_SWEEP. */
function targetSweep(family: FamilyName, workload: Workload, make: () => PacingPolicy): SweepFamily {
  return {
    family,
    settings: TARGET_SWEEP.map((alpha) => ({
      label: `α=${percent(alpha)}`,
      workload: withTarget(workload, alpha),
      make,
    })),
  };
}

function familySettings(family: FamilyName, workload: Workload): SweepFamily {
  switch (family) {
    case 'predictive':
      return targetSweep(family, workload, () => predictivePolicy());
    case 'erlang-b':
      return targetSweep(family, workload, () => erlangBPolicy());
    case 'ratio':
      return {
        family,
        settings: RATIO_SWEEP.map((ratio) => ({
          label: `ratio:${ratio}`,
          workload,
          make: () => fixedRatioPolicy(ratio),
        })),
      };
    case 'vicidial': {
      // As policies.ts: dialing stops at the latest logout (`adaptive_latest_server_time`, TAPERED).
      const latestSecondsOfDay = Math.max(...workload.agents.map((g) => g.logoutHours)) * HOUR_SECONDS;
      const settings: SweepSetting[] = [];
      for (const mode of VICIDIAL_MODES) {
        for (const maxDropRate of VICIDIAL_DROP_SWEEP) {
          for (const intensity of VICIDIAL_INTENSITY_SWEEP) {
            settings.push({
              label: `${mode} drop=${percent(maxDropRate)} intensity=${intensity}`,
              workload,
              make: () => vicidialAdaptivePolicy({ mode, maxDropRate, intensity, latestSecondsOfDay }),
            });
          }
        }
      }
      return { family, settings };
    }
  }
}

/** One setting's per-replication figures, indexed like the seeds. */
export interface SettingRun {
  setting: string;
  abandonRate: number[];
  occupancy: number[];
}

export interface FamilyRun {
  family: string;
  settings: SettingRun[];
}

export interface SweepOptions {
  seeds: number[];
  hours?: number;
  /**
   * After each setting (all seeds), for progress and events/second on stderr: its events and the
   * milliseconds its replications spent simulating (summed over seeds, whichever threads ran them).
   */
  onSetting?(done: number, total: number, events: number, ms: number): void;
}

/** Runs every setting of every family on the same seeds (common random numbers, §5.2). */
export function runSweep(families: SweepFamily[], options: SweepOptions): FamilyRun[] {
  const total = families.reduce((n, f) => n + f.settings.length, 0);
  let done = 0;
  return families.map((f) => ({
    family: f.family,
    settings: f.settings.map((s) => {
      const run: SettingRun = { setting: s.label, abandonRate: [], occupancy: [] };
      let events = 0;
      let ms = 0;
      for (const seed of options.seeds) {
        const policy = s.make();
        const started = performance.now();
        const result = simulate(s.workload, policy, { seed, hours: options.hours });
        ms += performance.now() - started;
        run.abandonRate.push(result.metrics.abandonRateFtc);
        run.occupancy.push(result.metrics.occupancyTalk);
        events += result.events;
      }
      done += 1;
      options.onSetting?.(done, total, events, ms);
      return run;
    }),
  }));
}

export interface ParallelSweepOptions extends SweepOptions {
  /** Worker threads (`--jobs`); 1 runs runSweep in this thread. */
  jobs: number;
}

/**
 * runSweep with the (setting, seed) replications spread over `jobs` worker threads pulling from one
 * queue. `workload` is the one the families were built from (familySweep); every setting must come
 * from familySweep, since a worker rebuilds it from its family and index. The per-seed figures are
 * put back in seed order, so the result equals runSweep's; onSetting fires as each setting's last
 * seed finishes, in completion order.
 */
export async function runSweepParallel(
  workload: Workload,
  families: SweepFamily[],
  options: ParallelSweepOptions,
): Promise<FamilyRun[]> {
  if (options.jobs <= 1) return runSweep(families, options);
  const settings = families.flatMap((f) => f.settings);
  const jobs: ReplicationJob[] = [];
  for (const s of settings) {
    if (!s.ref) throw new Error(`pacebench:pareto: setting ${s.label} does not come from familySweep`);
    for (const seed of options.seeds) {
      jobs.push({ policy: { kind: 'sweep', ...s.ref, label: s.label }, seed, hours: options.hours });
    }
  }
  const perSetting = options.seeds.length;
  const left = settings.map(() => perSetting);
  const events = settings.map(() => 0);
  const ms = settings.map(() => 0);
  let done = 0;
  const results = await runReplications(workload, jobs, {
    jobs: options.jobs,
    onResult: (index, result) => {
      const k = Math.floor(index / perSetting);
      events[k] = (events[k] as number) + result.events;
      ms[k] = (ms[k] as number) + result.ms;
      left[k] = (left[k] as number) - 1;
      if (left[k] === 0) {
        done += 1;
        options.onSetting?.(done, settings.length, events[k] as number, ms[k] as number);
      }
    },
  });
  let next = 0;
  return families.map((f) => ({
    family: f.family,
    settings: f.settings.map((s) => {
      const run: SettingRun = { setting: s.label, abandonRate: [], occupancy: [] };
      for (let i = 0; i < perSetting; i += 1) {
        const result = results[next];
        next += 1;
        if (!result) throw new Error(`pacebench:pareto: replication ${next - 1} has no result`);
        run.abandonRate.push(result.metrics.abandonRateFtc);
        run.occupancy.push(result.metrics.occupancyTalk);
      }
      return run;
    }),
  }));
}

export interface CurvePoint {
  setting: string;
  abandonRate: number;
  occupancy: number;
}

/**
 * The upper Pareto frontier, by increasing abandonment: a point stays only if its occupancy exceeds
 * that of every point with lower or equal abandonment. Points with a non-finite figure are left out.
 */
export function upperFrontier(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.abandonRate) && Number.isFinite(p.occupancy))
    .sort((a, b) => a.abandonRate - b.abandonRate || b.occupancy - a.occupancy);
  const frontier: CurvePoint[] = [];
  for (const p of sorted) {
    const best = frontier[frontier.length - 1];
    if (!best || p.occupancy > best.occupancy) frontier.push(p);
  }
  return frontier;
}

export type Interpolation =
  /** `lower` and `upper` are the frontier neighbours (the same point on an exact hit). */
  | { kind: 'interpolated'; occupancy: number; lower: CurvePoint; upper: CurvePoint }
  /** Even the family's least-abandoning point abandons more than asked. */
  | { kind: 'below-frontier'; occupancy: number; lowest: CurvePoint }
  /** The family never abandons that much; `highest` is its best point. */
  | { kind: 'beyond-frontier'; occupancy: number; highest: CurvePoint }
  | { kind: 'no-points'; occupancy: number };

/** Occupancy on a frontier at exactly `at` abandonment, linear between neighbours; NaN off the ends. */
export function occupancyAt(frontier: readonly CurvePoint[], at: number): Interpolation {
  const lowest = frontier[0];
  const highest = frontier[frontier.length - 1];
  if (!lowest || !highest) return { kind: 'no-points', occupancy: Number.NaN };
  if (at < lowest.abandonRate) return { kind: 'below-frontier', occupancy: Number.NaN, lowest };
  if (at > highest.abandonRate) return { kind: 'beyond-frontier', occupancy: Number.NaN, highest };
  for (let i = 0; i < frontier.length; i += 1) {
    const lower = frontier[i] as CurvePoint;
    if (lower.abandonRate === at)
      return { kind: 'interpolated', occupancy: lower.occupancy, lower, upper: lower };
    const upper = frontier[i + 1];
    if (upper && at < upper.abandonRate) {
      const share = (at - lower.abandonRate) / (upper.abandonRate - lower.abandonRate);
      const occupancy = lower.occupancy + share * (upper.occupancy - lower.occupancy);
      return { kind: 'interpolated', occupancy, lower, upper };
    }
  }
  return { kind: 'beyond-frontier', occupancy: Number.NaN, highest };
}

/** Why an interpolation has no value, in words for the report; undefined when it has one. */
export function whyUndefined(i: Interpolation, at: number): string | undefined {
  const pt = (p: CurvePoint) => `${p.occupancy.toFixed(3)} at ${percent(p.abandonRate)} (${p.setting})`;
  switch (i.kind) {
    case 'interpolated':
      return undefined;
    case 'below-frontier':
      return `every setting abandons more than ${percent(at)}; its lowest is ${pt(i.lowest)}`;
    case 'beyond-frontier':
      return `the family never reaches ${percent(at)} abandonment; its best is ${pt(i.highest)}`;
    case 'no-points':
      return 'no setting produced a finite abandonment and occupancy';
  }
}

/** Per-seed differences `values − baseline` (pairs with a NaN side dropped) and their mean with a t CI. */
export function pairedDifference(
  values: readonly number[],
  baseline: readonly number[],
): { perSeed: number[]; interval: Interval } {
  if (values.length !== baseline.length) {
    throw new RangeError(`paired difference: ${values.length} values against ${baseline.length} baseline`);
  }
  const perSeed = values.map((v, i) => v - (baseline[i] as number));
  return { perSeed, interval: meanInterval(perSeed) };
}

export interface FamilyAnalysis {
  family: string;
  /** Every setting's mean and 95% CI over seeds. */
  settings: { setting: string; abandonRate: Interval; occupancy: Interval }[];
  /** Per seed: that seed's frontier interpolated at `at`. */
  perSeed: Interpolation[];
  /** Mean and 95% CI of the per-seed interpolated occupancies (seeds with a value only: see n). */
  atPerSeed: Interval;
  /** The frontier of the seed-averaged points, and its interpolation at `at`. */
  meanFrontier: CurvePoint[];
  atMeanCurve: Interpolation;
  /** Per-seed paired difference to the baseline family; absent for the baseline itself. */
  difference?: { perSeed: number[]; interval: Interval };
}

export interface ParetoAnalysis {
  seeds: number[];
  at: number;
  baseline: string | undefined;
  families: FamilyAnalysis[];
}

export function analyseSweep(
  runs: readonly FamilyRun[],
  seeds: readonly number[],
  at: number,
  baseline?: string,
): ParetoAnalysis {
  const families: FamilyAnalysis[] = runs.map((run) => {
    const perSeed = seeds.map((_seed, k) =>
      occupancyAt(
        upperFrontier(
          run.settings.map((s) => ({
            setting: s.setting,
            abandonRate: s.abandonRate[k] as number,
            occupancy: s.occupancy[k] as number,
          })),
        ),
        at,
      ),
    );
    const settings = run.settings.map((s) => ({
      setting: s.setting,
      abandonRate: meanInterval(s.abandonRate),
      occupancy: meanInterval(s.occupancy),
    }));
    const meanFrontier = upperFrontier(
      settings.map((s) => ({
        setting: s.setting,
        abandonRate: s.abandonRate.mean,
        occupancy: s.occupancy.mean,
      })),
    );
    return {
      family: run.family,
      settings,
      perSeed,
      atPerSeed: meanInterval(perSeed.map((i) => i.occupancy)),
      meanFrontier,
      atMeanCurve: occupancyAt(meanFrontier, at),
    };
  });
  const reference = families.find((f) => f.family === baseline);
  if (reference) {
    const base = reference.perSeed.map((i) => i.occupancy);
    for (const f of families) {
      if (f !== reference)
        f.difference = pairedDifference(
          f.perSeed.map((i) => i.occupancy),
          base,
        );
    }
  }
  return { seeds: [...seeds], at, baseline: reference?.family, families };
}
