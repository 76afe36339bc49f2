import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/sim/pacebench/args.js';
import type { SweepFamily } from '../../../src/sim/pacebench/pareto.js';
import { familySweep, runSweep, runSweepParallel } from '../../../src/sim/pacebench/pareto.js';
import { runReplications } from '../../../src/sim/pacebench/replication-pool.js';
import type { ReplicationJob } from '../../../src/sim/pacebench/replication-worker.js';
import { runReplication } from '../../../src/sim/pacebench/replication-worker.js';
import { runPolicies, summaryJson } from '../../../src/sim/pacebench/report.js';
import { loadWorkload } from '../../../src/sim/pacebench/workload.js';

const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const w2 = loadWorkload('W2');
const small = { seeds: 3, hours: 0.5 };

/** As `npm run pacebench` does: tsx's CLI on the TypeScript entry. */
function run(script: string, argv: string[]) {
  return spawnSync(process.execPath, [TSX_CLI, `src/sim/pacebench/${script}`, ...argv], { encoding: 'utf8' });
}

describe('pacebench --jobs', () => {
  it('gives the same summaries with 1 and 2 jobs (W2, 0.5 h, 3 seeds, progressive and predictive)', async () => {
    const policies = ['progressive', 'predictive'];
    const seen: Record<number, number[]> = { 1: [], 2: [] };
    const summaries = async (jobs: 1 | 2) =>
      runPolicies(w2, policies, { ...small, jobs, onReplication: (seed) => seen[jobs]?.push(seed) });
    const sequential = await summaries(1);
    const parallel = await summaries(2);
    expect(parallel).toEqual(sequential);
    expect(parallel.map(summaryJson)).toEqual(sequential.map(summaryJson));
    expect(sequential.map((s) => s.policy)).toEqual(policies);
    expect(sequential[0]?.seeds).toEqual([1, 2, 3]);
    // The two policies differ, so a summary built from the other policy's replications would show.
    expect(sequential[0]?.metrics.dials.mean).not.toBe(sequential[1]?.metrics.dials.mean);
    expect(seen[1]).toEqual([1, 2, 3, 1, 2, 3]);
    expect([...(seen[2] ?? [])].sort()).toEqual([1, 1, 2, 2, 3, 3]);
  }, 30_000);

  it('runs jobs on worker threads and hands results back in job order', async () => {
    const jobs: ReplicationJob[] = [3, 1, 2, 5].map((seed) => ({
      policy: { kind: 'spec', spec: 'ratio:1.5' },
      seed,
      hours: 0.25,
    }));
    const results = await runReplications(w2, jobs, { jobs: 2 });
    expect(results.map((r) => r.seed)).toEqual([3, 1, 2, 5]);
    // Both workers took work, and neither is this thread.
    expect(new Set(results.map((r) => r.thread)).size).toBe(2);
    expect(results.some((r) => r.thread === threadId)).toBe(false);
    for (const [k, job] of jobs.entries()) {
      const here = runReplication(w2, job);
      expect(results[k]?.metrics).toEqual(here.metrics);
      expect(results[k]?.events).toBe(here.events);
    }
    // Seeds give different runs, so a result filed under the wrong seed would show.
    expect(new Set(results.map((r) => r.events)).size).toBeGreaterThan(1);
  }, 30_000);

  it('rejects with the worker’s error, naming the job', async () => {
    const job: ReplicationJob = {
      policy: { kind: 'sweep', family: 'ratio', index: 0, label: 'not-a-setting' },
      seed: 1,
      hours: 0.1,
    };
    await expect(runReplications(w2, [job], { jobs: 2 })).rejects.toThrow(
      'ratio has no setting 0 labelled not-a-setting',
    );
  }, 30_000);

  it('gives the pareto sweep the same per-seed figures with 1 and 2 jobs', async () => {
    const pick = (family: 'ratio' | 'vicidial', labels: string[]): SweepFamily => {
      const sweep = familySweep(family, w2);
      return { ...sweep, settings: sweep.settings.filter((s) => labels.includes(s.label)) };
    };
    const families = [
      pick('ratio', ['ratio:1', 'ratio:2']),
      pick('vicidial', ['AVERAGE drop=3% intensity=0', 'TAPERED drop=8% intensity=50']),
    ];
    const options = { seeds: [1, 2], hours: 0.5 };
    const sequential = runSweep(families, options);
    const done: number[] = [];
    const parallel = await runSweepParallel(w2, families, {
      ...options,
      jobs: 2,
      onSetting: (n, total) => {
        done.push(n);
        expect(total).toBe(4);
      },
    });
    expect(parallel).toEqual(sequential);
    expect(done).toEqual([1, 2, 3, 4]);
    expect(sequential[0]?.settings[1]?.abandonRate[0]).not.toBe(sequential[0]?.settings[1]?.abandonRate[1]);
  }, 30_000);

  it('prints the same JSON through the command with --jobs 1 and --jobs 2', () => {
    const argv = ['--workload', 'W2', '--policy', 'progressive,predictive', '--seeds', '3', '--hours', '0.5'];
    const one = run('cli.ts', [...argv, '--json', '--jobs', '1']);
    const two = run('cli.ts', [...argv, '--json', '--jobs', '2']);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(100);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stderr).toMatch(
      /^pacebench: \d+ events in [\d.]+ s = \d+ events\/s over 1 job \(\d+ events\/s per job\)\n$/,
    );
    expect(two.stderr).toMatch(
      /^pacebench: \d+ events in [\d.]+ s = \d+ events\/s over 2 jobs \(\d+ events\/s per job\)\n$/,
    );
  }, 30_000);

  it.each([
    [['--jobs', '0'], '--jobs: expected a positive integer, got 0'],
    [['--jobs', 'x'], '--jobs: expected a positive integer, got x'],
    [['--jobs', '1.5'], '--jobs: expected a positive integer, got 1.5'],
    [['--jobs'], '--jobs: missing value'],
  ])('pacebench refuses %j naming the flag', (extra, message) => {
    expect(() => parseArgs(['--workload', 'W2', '--policy', 'progressive', ...extra])).toThrow(message);
  });

  it('parses --jobs, leaving the default to the command', () => {
    expect(parseArgs(['--workload', 'W2', '--policy', 'progressive', '--jobs', '3']).jobs).toBe(3);
    expect(parseArgs(['--workload', 'W2', '--policy', 'progressive']).jobs).toBeUndefined();
  });

  it.each([
    [
      'cli.ts',
      ['--policy', 'progressive', '--jobs', '0'],
      'pacebench: --jobs: expected a positive integer, got 0',
    ],
    ['pareto-cli.ts', ['--jobs', 'x'], 'pacebench:pareto: --jobs: expected a positive integer, got x'],
    ['pareto-cli.ts', ['--jobs', '0'], 'pacebench:pareto: --jobs: expected a positive integer, got 0'],
  ])(
    '%s %j exits 2 naming the flag',
    (script, extra, message) => {
      const result = run(script, ['--workload', 'W2', ...extra]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    },
    30_000,
  );
});
