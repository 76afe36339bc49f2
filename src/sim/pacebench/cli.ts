/**
 * `npm run --silent pacebench -- --workload W2 --policy ratio:2.0 --seeds 10 [--json] [--hours H]
 * [--out report.md]`. `--policy` takes a comma-separated list to compare policies on the same seeds.
 * Prints one JSON object with --json, else writes a markdown report (and an SVG scatter next to it
 * with --out). Events per second go to stderr.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PolicySpecError, POLICY_HELP } from './policies.js';
import type { PolicySummary } from './report.js';
import { markdownReport, runPolicy, scatterSvg, summaryJson } from './report.js';
import { loadWorkload, WorkloadError } from './workload.js';

const USAGE = `usage: pacebench --workload W1…W6|W1-M…W3-M|FILE.yaml --policy ${POLICY_HELP}[,…] [--seeds N] [--first-seed S] [--hours H] [--json] [--out report.md]`;

class UsageError extends Error {}

interface Args {
  workload: string;
  policies: string[];
  seeds: number;
  firstSeed: number;
  hours: number | undefined;
  json: boolean;
  out: string | undefined;
}

function positiveNumber(flag: string, raw: string | undefined, isInteger: boolean): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value <= 0 || (isInteger && !Number.isInteger(value))) {
    throw new UsageError(
      `${flag}: expected a positive ${isInteger ? 'integer' : 'number'}, got ${raw ?? 'nothing'}`,
    );
  }
  return value;
}

export function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { json: boolean } = { json: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] as string;
    const value = () => {
      const v = argv[i + 1];
      i += 1;
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case '--workload':
        args.workload = value();
        break;
      case '--policy':
        args.policies = value()
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        break;
      case '--seeds':
        args.seeds = positiveNumber(flag, value(), true);
        break;
      case '--first-seed':
        args.firstSeed = positiveNumber(flag, value(), true);
        break;
      case '--hours':
        args.hours = positiveNumber(flag, value(), false);
        break;
      case '--out':
        args.out = value();
        break;
      case '--json':
        args.json = true;
        break;
      default:
        throw new UsageError(`${flag}: unknown flag`);
    }
  }
  if (!args.workload) throw new UsageError('--workload: required');
  if (!args.policies || args.policies.length === 0) throw new UsageError('--policy: required');
  return {
    workload: args.workload,
    policies: args.policies,
    seeds: args.seeds ?? 10,
    firstSeed: args.firstSeed ?? 1,
    hours: args.hours,
    json: args.json,
    out: args.out,
  };
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
    const workload = loadWorkload(args.workload);
    const summaries: PolicySummary[] = [];
    let events = 0;
    const started = performance.now();
    for (const policy of args.policies) {
      summaries.push(
        runPolicy(workload, policy, {
          seeds: args.seeds,
          firstSeed: args.firstSeed,
          hours: args.hours,
          onReplication: (_seed, n) => {
            events += n;
          },
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `pacebench: ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s\n`,
    );
    const command = `npm run --silent pacebench -- ${argv.join(' ')}`;
    if (args.json) {
      const [only] = summaries;
      process.stdout.write(
        `${summaries.length === 1 && only ? summaryJson(only) : `{"results":[${summaries.map(summaryJson).join(',')}]}`}\n`,
      );
    } else {
      const report = markdownReport(summaries, command);
      if (args.out) {
        writeFileSync(args.out, report);
        const svgPath = args.out.replace(/\.md$/, '') + '.svg';
        writeFileSync(svgPath, scatterSvg(summaries));
        process.stderr.write(`pacebench: wrote ${args.out} and ${svgPath}\n`);
      } else {
        process.stdout.write(report);
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof PolicySpecError) {
      process.stderr.write(`pacebench: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof WorkloadError) {
      process.stderr.write(`pacebench: workload refused: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
