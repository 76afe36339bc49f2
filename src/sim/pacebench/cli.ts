/**
 * `npm run --silent pacebench -- --workload W2 --policy ratio:2.0 --seeds 10 [--json] [--hours H]
 * [--out report.md]`. `--policy` takes a comma-separated list to compare policies on the same seeds.
 * Prints one JSON object with --json, else writes a markdown report (and an SVG scatter next to it
 * with --out). Events per second go to stderr.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Args } from './args.js';
import { parseArgs, usage, UsageError } from './args.js';
import { PolicySpecError } from './policies.js';
import type { PolicySummary } from './report.js';
import { markdownReport, runPolicy, scatterSvg, summaryJson } from './report.js';
import { loadWorkload, WorkloadError } from './workload.js';

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
      process.stderr.write(`pacebench: ${error.message}\n${usage()}\n`);
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
