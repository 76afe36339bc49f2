/**
 * Replications and their summary (research/pacing.md §5.6): every metric's mean and 95% confidence
 * interval over seeds (Student t), as a JSON object or a markdown report, plus an SVG scatter of
 * occupancy against abandonment per policy.
 */
import { performance } from 'node:perf_hooks';
import type { PacebenchMetrics } from './metrics.js';
import { METRIC_NAMES } from './metrics.js';
import { policyFactory } from './policies.js';
import { runReplications } from './replication-pool.js';
import type { ReplicationJob } from './replication-worker.js';
import { simulate } from './simulator.js';
import type { Workload } from './workload.js';

/** Two-sided 97.5% Student t quantiles for 1…30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z_975 = 1.96;
/** Significant digits kept in outputs, so float noise never reaches a digest. */
const SIGNIFICANT_DIGITS = 10;

export interface Interval {
  mean: number;
  low: number;
  high: number;
  /** Replications with a defined value (e.g. worst hour needs ≥ 30 live answers). */
  n: number;
}

export interface PolicySummary {
  workload: string;
  policy: string;
  seeds: number[];
  hours: number;
  events: number;
  metrics: Record<keyof PacebenchMetrics, Interval>;
}

export function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(SIGNIFICANT_DIGITS)) : value;
}

export function meanInterval(values: number[]): Interval {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { mean: round(mean), low: round(mean), high: round(mean), n };
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const t = T_975[n - 2] ?? Z_975;
  const half = t * Math.sqrt(variance / n);
  return { mean: round(mean), low: round(mean - half), high: round(mean + half), n };
}

export interface RunOptions {
  seeds: number;
  firstSeed?: number;
  hours?: number;
  /**
   * Called after each replication (for progress and events/second on stderr), with the milliseconds
   * the simulation took in the thread that ran it. In seed order here; in completion order with jobs.
   */
  onReplication?(seed: number, events: number, ms: number): void;
}

function seedList(options: RunOptions): number[] {
  const first = options.firstSeed ?? 1;
  return Array.from({ length: options.seeds }, (_, i) => first + i);
}

/** Every metric's mean and CI over the replications, given in seed order. */
function summarise(
  workload: Workload,
  policy: string,
  seeds: number[],
  hours: number | undefined,
  runs: readonly { metrics: PacebenchMetrics; events: number }[],
): PolicySummary {
  const metrics = {} as Record<keyof PacebenchMetrics, Interval>;
  for (const name of METRIC_NAMES) metrics[name] = meanInterval(runs.map((r) => r.metrics[name]));
  return {
    workload: workload.id,
    policy,
    seeds,
    hours: Math.min(workload.shift.hours, hours ?? Number.POSITIVE_INFINITY),
    events: runs.reduce((n, r) => n + r.events, 0),
    metrics,
  };
}

/** The sequential path: every seed in this thread, one after the other. */
export function runPolicy(workload: Workload, policySpec: string, options: RunOptions): PolicySummary {
  const make = policyFactory(policySpec, workload);
  const seeds = seedList(options);
  const runs: { metrics: PacebenchMetrics; events: number }[] = [];
  for (const seed of seeds) {
    const policy = make();
    const started = performance.now();
    const result = simulate(workload, policy, { seed, hours: options.hours });
    const ms = performance.now() - started;
    runs.push(result);
    options.onReplication?.(seed, result.events, ms);
  }
  return summarise(workload, make().name, seeds, options.hours, runs);
}

export interface ParallelRunOptions extends RunOptions {
  /** Worker threads (`--jobs`); 1 is the sequential path, runPolicy in this thread. */
  jobs: number;
}

/**
 * Every policy on the same seeds. With jobs > 1, all (policy, seed) replications go into one queue
 * pulled by `jobs` worker threads, and each summary is built from its seeds in seed order, so the
 * summaries equal the sequential path's. Policy specs are checked here first (PolicySpecError).
 */
export async function runPolicies(
  workload: Workload,
  policySpecs: readonly string[],
  options: ParallelRunOptions,
): Promise<PolicySummary[]> {
  if (options.jobs <= 1) return policySpecs.map((spec) => runPolicy(workload, spec, options));
  const names = policySpecs.map((spec) => policyFactory(spec, workload)().name);
  const seeds = seedList(options);
  const jobs: ReplicationJob[] = policySpecs.flatMap((spec) =>
    seeds.map((seed) => ({ policy: { kind: 'spec' as const, spec }, seed, hours: options.hours })),
  );
  const results = await runReplications(workload, jobs, {
    jobs: options.jobs,
    onResult: (_index, r) => options.onReplication?.(r.seed, r.events, r.ms),
  });
  return names.map((name, p) =>
    summarise(workload, name, seeds, options.hours, results.slice(p * seeds.length, (p + 1) * seeds.length)),
  );
}

/**
 * The stderr speed line: `<prefix>: E events in S s = R events/s over J jobs (P events/s per job)`.
 * R is events over wall time; P is events over the summed per-replication simulation time measured
 * inside the threads that ran them, i.e. what one core does.
 */
export function speedLine(
  prefix: string,
  events: number,
  seconds: number,
  jobs: number,
  busyMs: number,
  secondsDigits = 2,
): string {
  const perJob = busyMs > 0 ? Math.round(events / (busyMs / 1000)) : 0;
  return (
    `${prefix}: ${events} events in ${seconds.toFixed(secondsDigits)} s = ${Math.round(events / seconds)} events/s` +
    ` over ${jobs} ${jobs === 1 ? 'job' : 'jobs'} (${perJob} events/s per job)\n`
  );
}

/** Canonical JSON: fixed key order, NaN as null. */
export function summaryJson(summary: PolicySummary): string {
  return JSON.stringify(summary, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? null : value,
  );
}

const PERCENT_METRICS = new Set<string>([
  'occupancyTalk',
  'utilisation',
  'abandonRateFtc',
  'worstHourAbandonRateFtc',
  'worst30DayAbandonRateFtc',
  'abandonRateOfcom',
  'worst24hAbandonRateOfcom',
  'ftcPass',
  'ofcomPass',
  'connectsOver1sShare',
  'connectsOver2sShare',
]);

function formatInterval(name: string, i: Interval): string {
  if (i.n === 0) return 'n/a';
  const isPercent = PERCENT_METRICS.has(name);
  const f = (v: number) => (isPercent ? `${(v * 100).toFixed(2)}%` : v.toFixed(v >= 100 ? 0 : 2));
  return i.low === i.high ? f(i.mean) : `${f(i.mean)} [${f(i.low)}, ${f(i.high)}]`;
}

export function markdownReport(summaries: PolicySummary[], command: string): string {
  const first = summaries[0];
  if (!first) return '';
  const lines = [
    `# pacebench: ${first.workload}`,
    '',
    `Command: \`${command}\``,
    '',
    `Seeds ${first.seeds[0]}–${first.seeds[first.seeds.length - 1]} (${first.seeds.length}), ${first.hours} h per day. ` +
      'Cells: mean [95% CI over seeds, Student t].',
    '',
    `| metric | ${summaries.map((s) => s.policy).join(' | ')} |`,
    `|---|${summaries.map(() => '---').join('|')}|`,
  ];
  for (const name of METRIC_NAMES) {
    lines.push(`| ${name} | ${summaries.map((s) => formatInterval(name, s.metrics[name])).join(' | ')} |`);
  }
  lines.push('');
  return lines.join('\n');
}

const SVG_WIDTH = 640;
const SVG_HEIGHT = 420;
const MARGIN = 60;

/** Occupancy (y) against FTC abandonment (x), one point with CI whiskers per policy. */
export function scatterSvg(summaries: PolicySummary[]): string {
  const maxAbandon = Math.max(0.05, ...summaries.map((s) => s.metrics.abandonRateFtc.high || 0)) * 1.1;
  const x = (v: number) => MARGIN + (v / maxAbandon) * (SVG_WIDTH - 2 * MARGIN);
  const y = (v: number) => SVG_HEIGHT - MARGIN - v * (SVG_HEIGHT - 2 * MARGIN);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SVG_WIDTH}" height="${SVG_HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<line x1="${MARGIN}" y1="${y(0)}" x2="${SVG_WIDTH - MARGIN}" y2="${y(0)}" stroke="black"/>`,
    `<line x1="${MARGIN}" y1="${y(0)}" x2="${MARGIN}" y2="${y(1)}" stroke="black"/>`,
    `<line x1="${x(0.03)}" y1="${y(0)}" x2="${x(0.03)}" y2="${y(1)}" stroke="red" stroke-dasharray="4"/>`,
    `<text x="${x(0.03) + 4}" y="${y(1) + 12}" fill="red">3%</text>`,
    `<text x="${SVG_WIDTH / 2}" y="${SVG_HEIGHT - 20}" text-anchor="middle">FTC abandonment (max ${(maxAbandon * 100).toFixed(1)}%)</text>`,
    `<text x="16" y="${SVG_HEIGHT / 2}" transform="rotate(-90 16 ${SVG_HEIGHT / 2})" text-anchor="middle">occupancy (talk / (talk + wait))</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<text x="${MARGIN - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  for (const s of summaries) {
    const a = s.metrics.abandonRateFtc;
    const o = s.metrics.occupancyTalk;
    const cx = x(Math.min(a.mean, maxAbandon));
    const cy = y(o.mean);
    parts.push(
      `<line x1="${x(Math.min(a.low, maxAbandon))}" y1="${cy}" x2="${x(Math.min(a.high, maxAbandon))}" y2="${cy}" stroke="gray"/>`,
      `<line x1="${cx}" y1="${y(o.low)}" x2="${cx}" y2="${y(o.high)}" stroke="gray"/>`,
      `<circle cx="${cx}" cy="${cy}" r="4" fill="steelblue"/>`,
      `<text x="${cx + 6}" y="${cy - 6}">${s.policy}</text>`,
    );
  }
  parts.push('</svg>', '');
  return parts.join('\n');
}
