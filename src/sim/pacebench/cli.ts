/**
 * `npm run --silent pacebench -- --workload W2 --policy ratio:2.0 --seeds 10 [--json] [--hours H]
 * [--jobs N] [--out report.md]`. `--policy` takes a comma-separated list to compare policies on the
 * same seeds. Prints one JSON object with --json, else writes a markdown report (and an SVG scatter
 * next to it with --out). Events per second go to stderr. `--jobs N` runs the replications on N
 * worker threads (default: one per available core; 1 runs them here, one after the other); the
 * output is the same whatever N.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Args } from './args.js';
import { exitForError, parseArgs, usage } from './args.js';
import type { PolicySummary } from './report.js';
import { defaultJobs } from './replication-pool.js';
import { markdownReport, runPolicies, scatterSvg, speedLine, summaryJson } from './report.js';
import { loadWorkload } from './workload.js';

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
    const workload = loadWorkload(args.workload);
    const jobs = args.jobs ?? defaultJobs();
    let events = 0;
    let busyMs = 0;
    const started = performance.now();
    const summaries: PolicySummary[] = await runPolicies(workload, args.policies, {
      seeds: args.seeds,
      firstSeed: args.firstSeed,
      hours: args.hours,
      jobs,
      onReplication: (_seed, n, ms) => {
        events += n;
        busyMs += ms;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const used = Math.min(jobs, args.policies.length * args.seeds);
    process.stderr.write(speedLine('pacebench', events, seconds, used, busyMs));
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
    return exitForError('pacebench', error, usage());
  }
}

process.exitCode = await main(process.argv.slice(2));
