/**
 * `npm run --silent pacebench:bound -- --workload W2-M [--json] [--r-max N] [--alpha A]`: the exact
 * Markov-twin bound (research/pacing.md §5.7 item 4) for a twin workload, with the parameters it derived.
 *
 * Two bounds are computed unless `--r-max` is given:
 * - `lineCap`: calls in flight capped at the twin's own line cap, min(trunkCap, maxLinesPerAgent × n),
 *   which pacebench enforces; this is the bound for the twin as simulated.
 * - `wide`: R_max = min(⌈4n/p⌉, 600) (§5.7's size, capped for run time), the bound without that cap.
 */
import { performance } from 'node:perf_hooks';
import type { MarkovTwinResult, TwinParameters } from './markov-bound.js';
import { erlangBFloor, progressiveFloor } from './closed-forms.js';
import { markovTwinOptimum, twinParameters } from './markov-bound.js';
import { exitForError, forEachFlag, UsageError } from './args.js';
import { loadWorkload } from './workload.js';

const WIDE_R_MAX_CAP = 600;

interface BoundRun {
  label: string;
  rMax: number;
  seconds: number;
  result: MarkovTwinResult;
  /** E[b]/n × E[talk]/E[talk + wrap]: comparable with pacebench's occupancy_talk. */
  occupancyTalk: number;
  /** Some r*(b) equals R_max: the cap binds. */
  capBinds: boolean;
}

function runBound(label: string, t: TwinParameters, rMax: number, alpha: number): BoundRun {
  const started = performance.now();
  const result = markovTwinOptimum({ n: t.n, p: t.p, mu: t.mu, theta: t.theta, alpha, rMax });
  return {
    label,
    rMax,
    seconds: (performance.now() - started) / 1000,
    result,
    occupancyTalk: (result.occupancy * t.meanTalk) / t.meanHandle,
    capBinds: result.threshold.some((r) => r >= rMax),
  };
}

function w(workload: { abandonment: { maxRate: number } }): string {
  return `${(workload.abandonment.maxRate * 100).toFixed(1)}%`;
}

function usage(): string {
  return 'usage: pacebench:bound --workload W1-M|W2-M|W3-M|FILE.yaml [--json] [--r-max N] [--alpha A]';
}

function parse(argv: string[]): { workload: string; json: boolean; rMax?: number; alpha?: number } {
  let workload: string | undefined;
  let json = false;
  let rMax: number | undefined;
  let alpha: number | undefined;
  forEachFlag(argv, (flag, value) => {
    if (flag === '--workload') workload = value();
    else if (flag === '--json') json = true;
    else if (flag === '--r-max') {
      rMax = Number(value());
      if (!Number.isInteger(rMax) || rMax < 1) throw new UsageError('--r-max: expected a positive integer');
    } else if (flag === '--alpha') {
      alpha = Number(value());
      if (!(alpha > 0 && alpha < 1)) throw new UsageError('--alpha: expected a number in (0, 1)');
    } else throw new UsageError(`${flag}: unknown flag`);
  });
  if (!workload) throw new UsageError('--workload: required');
  return { workload, json, rMax, alpha };
}

function main(argv: string[]): number {
  try {
    const args = parse(argv);
    const workload = loadWorkload(args.workload);
    const t = twinParameters(workload);
    const alpha = args.alpha ?? t.alpha;
    const runs: BoundRun[] = [];
    if (args.rMax !== undefined) {
      runs.push(runBound('given', t, args.rMax, alpha));
    } else {
      const wide = Math.min(Math.ceil((4 * t.n) / t.p), WIDE_R_MAX_CAP);
      runs.push(runBound('lineCap', t, t.lineCap, alpha));
      if (wide > t.lineCap) runs.push(runBound('wide', t, wide, alpha));
    }
    for (const warning of t.warnings) process.stderr.write(`pacebench:bound: warning: ${warning}\n`);
    const progressive = progressiveFloor(workload);
    const erlang = erlangBFloor(workload);
    if (args.json) {
      process.stdout.write(
        `${JSON.stringify({
          workload: workload.id,
          parameters: { ...t, alpha },
          floors: { progressive, erlangB: erlang },
          bounds: runs.map((r) => ({
            label: r.label,
            rMax: r.rMax,
            seconds: Number(r.seconds.toFixed(2)),
            occupancy: r.result.occupancy,
            occupancyTalk: r.occupancyTalk,
            abandonRate: r.result.abandonRate,
            atAlpha: {
              ...r.result.atAlpha,
              occupancyTalk: (r.result.atAlpha.occupancy * t.meanTalk) / t.meanHandle,
            },
            lambda: r.result.lambda,
            threshold: r.result.threshold,
            capBinds: r.capBinds,
            capMass: r.result.capMass,
            meanInFlight: r.result.meanInFlight,
            iterations: r.result.iterations,
            evaluationIterations: r.result.evaluationIterations,
            bisectionSteps: r.result.bisectionSteps,
          })),
        })}\n`,
      );
    } else {
      const lines = [
        `Markov-twin bound for ${workload.id} (research/pacing.md §5.7 item 4)`,
        `  n = ${t.n}, p_eff = ${t.pHuman} × (1 − ${t.falsePositive}) = ${t.p.toFixed(4)}, ` +
          `E[talk + wrap] = ${t.meanHandle.toFixed(2)} s (talk ${t.meanTalk.toFixed(2)} s), ` +
          `E[attempt] = ${t.meanAttempt.toFixed(2)} s, α = ${alpha}`,
        `  μ = ${t.mu.toExponential(4)}/s, θ = ${t.theta.toExponential(4)}/s, line cap = ${t.lineCap}`,
      ];
      lines.push(
        `  floors (any workload, stationary; research/pacing.md §2.5): progressive closed form ` +
          `occupancy_talk = ${progressive.occupancyTalk.toFixed(4)}, utilisation = ${progressive.utilisation.toFixed(4)} ` +
          `(wait ${progressive.waitPerRoutedSeconds.toFixed(1)} s per routed answer); open-loop Erlang-B ` +
          `occupancy_talk = ${erlang.occupancyTalk.toFixed(4)}, utilisation = ${erlang.utilisation.toFixed(4)} ` +
          `(a* = ${erlang.load.toFixed(2)} Erlangs at α = ${w(workload)})`,
      );
      for (const r of runs) {
        const res = r.result;
        lines.push(
          `  [${r.label}] R_max = ${r.rMax}: occupancy E[b]/n = ${res.occupancy.toFixed(4)}, ` +
            `talk-comparable = ${r.occupancyTalk.toFixed(4)}, abandon = ${(res.abandonRate * 100).toFixed(2)}%, ` +
            `λ = ${res.lambda.toFixed(4)}, ${r.capBinds ? 'cap binds in some states' : 'cap never binds'} ` +
            `(${r.seconds.toFixed(1)} s, ${res.iterations} VI sweeps)`,
          `    at exactly α (time-sharing ${(res.atAlpha.infeasibleShare * 100).toFixed(1)}% with the next, infeasible policy): ` +
            `occupancy = ${res.atAlpha.occupancy.toFixed(4)}, talk-comparable = ${((res.atAlpha.occupancy * t.meanTalk) / t.meanHandle).toFixed(4)}`,
          `    r*(b), b = 0…${t.n}: ${res.threshold.join(' ')}`,
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  } catch (error) {
    return exitForError('pacebench:bound', error, usage());
  }
}

process.exitCode = main(process.argv.slice(2));
