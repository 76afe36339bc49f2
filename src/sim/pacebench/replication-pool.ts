/**
 * Replications in parallel (`--jobs N`): N worker threads running replication-worker.ts pull jobs
 * from one queue, so many short jobs never wait behind one long one, and the results come back
 * indexed like the jobs, whatever order they finished in. Each replication is deterministic per seed,
 * so the reassembled output is the same as the sequential path's.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  ReplicationJob,
  ReplicationResult,
  WorkerData,
  WorkerReply,
  WorkerRequest,
} from './replication-worker.js';
import type { Workload } from './workload.js';

/** `--jobs` when not given: one per core the process may use, at least 1. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

const WORKER_URL = new URL('./replication-worker.ts', import.meta.url).href;

/**
 * The worker's bootstrap: register tsx's ESM hooks in the new thread, then import the TypeScript
 * worker. Node 20 does not apply hooks registered by `--import tsx` in a worker's execArgv to the
 * worker's own entry (ERR_UNKNOWN_FILE_EXTENSION ".ts"), so the hooks are registered from inside the
 * thread with tsx's API, which works the same under `npm run` (tsx's CLI) and under vitest. tsx is
 * resolved from this file, not the current directory.
 */
function bootstrap(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('tsx/package.json') as {
    exports: { './esm/api': { import: { default: string } } };
  };
  const packageDir = path.dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(packageDir, manifest.exports['./esm/api'].import.default)).href;
  return `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); });`;
}

export interface PoolOptions {
  /** Worker threads; no more are started than there are jobs. */
  jobs: number;
  /** After each replication, in completion order (for progress and events/second). */
  onResult?(index: number, result: ReplicationResult): void;
}

/** Runs every job in a pool of worker threads; resolves with the results in job order. */
export function runReplications(
  workload: Workload,
  jobs: readonly ReplicationJob[],
  options: PoolOptions,
): Promise<ReplicationResult[]> {
  if (jobs.length === 0) return Promise.resolve([]);
  const size = Math.max(1, Math.min(Math.floor(options.jobs), jobs.length));
  const workerData: WorkerData = { tag: 'pacebench-replication-worker', workload };
  const results: ReplicationResult[] = new Array<ReplicationResult>(jobs.length);
  const workers: Worker[] = [];
  const code = bootstrap();
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let settled = false;
    const settle = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      void Promise.allSettled(workers.map((w) => w.terminate())).then(() =>
        error ? reject(error) : resolve(results),
      );
    };
    const dispatch = (worker: Worker) => {
      if (next >= jobs.length) return;
      const id = next;
      next += 1;
      const request: WorkerRequest = { id, job: jobs[id] as ReplicationJob };
      worker.postMessage(request);
    };
    for (let k = 0; k < size; k += 1) {
      const worker = new Worker(code, { eval: true, workerData, execArgv: [] });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if ('error' in reply) {
          const error = new Error(reply.error.message);
          if (reply.error.stack) error.stack = reply.error.stack;
          settle(error);
          return;
        }
        results[reply.id] = reply.result;
        done += 1;
        try {
          options.onResult?.(reply.id, reply.result);
        } catch (error) {
          settle(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (done === jobs.length) settle(undefined);
        else dispatch(worker);
      });
      worker.on('error', (error) => settle(error));
      worker.on('exit', (code) => {
        settle(new Error(`pacebench: a replication worker exited (code ${code}) with jobs left`));
      });
      dispatch(worker);
    }
  });
}
