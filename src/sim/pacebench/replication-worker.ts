/**
 * One pacebench replication, in a worker thread (replication-pool.ts spawns it with the tsx loader).
 * The workload comes once per worker in `workerData`; each job names its policy in a form that
 * survives structured cloning (a `--policy` spec, or a pareto sweep setting by family and index) plus
 * the seed, and is answered with the seed's metrics, its event count and the milliseconds the
 * simulation took inside this thread. Importing this module outside a pool worker does nothing but
 * define `runReplication`.
 */
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { PacingPolicy } from '../../domain/pacing/pacing-policy.js';
import type { PacebenchMetrics } from './metrics.js';
import type { FamilyName, SweepSetting } from './pareto.js';
import { familySweep } from './pareto.js';
import { policyFactory } from './policies.js';
import { simulate } from './simulator.js';
import type { Workload } from './workload.js';

/** How a job names its policy: a `--policy` spec, or the `index`-th setting of a pareto family sweep. */
export type PolicyRef =
  { kind: 'spec'; spec: string } | { kind: 'sweep'; family: FamilyName; index: number; label: string };

export interface ReplicationJob {
  policy: PolicyRef;
  seed: number;
  hours?: number;
}

export interface ReplicationResult {
  seed: number;
  metrics: PacebenchMetrics;
  events: number;
  /** Wall time of the simulation inside the thread that ran it (performance.now), in ms. */
  ms: number;
  /** worker_threads threadId of the thread that ran it. */
  thread: number;
}

/** Tags `workerData` so that importing this module elsewhere (a test, another worker) stays inert. */
export const WORKER_TAG = 'pacebench-replication-worker';

export interface WorkerData {
  tag: typeof WORKER_TAG;
  workload: Workload;
}

export type WorkerRequest = { id: number; job: ReplicationJob };
export type WorkerReply =
  { id: number; result: ReplicationResult } | { id: number; error: { message: string; stack?: string } };

const sweepCache = new WeakMap<Workload, Map<FamilyName, SweepSetting[]>>();

function sweepSetting(workload: Workload, ref: Extract<PolicyRef, { kind: 'sweep' }>): SweepSetting {
  let byFamily = sweepCache.get(workload);
  if (!byFamily) {
    byFamily = new Map();
    sweepCache.set(workload, byFamily);
  }
  let settings = byFamily.get(ref.family);
  if (!settings) {
    settings = familySweep(ref.family, workload).settings;
    byFamily.set(ref.family, settings);
  }
  const setting = settings[ref.index];
  if (!setting || setting.label !== ref.label) {
    throw new Error(`pacebench worker: ${ref.family} has no setting ${ref.index} labelled ${ref.label}`);
  }
  return setting;
}

/** Runs one job as the sequential path would: a fresh policy, the job's seed and hours. */
export function runReplication(workload: Workload, job: ReplicationJob): ReplicationResult {
  let simulated: Workload = workload;
  let policy: PacingPolicy;
  if (job.policy.kind === 'spec') {
    policy = policyFactory(job.policy.spec, workload)();
  } else {
    const setting = sweepSetting(workload, job.policy);
    simulated = setting.workload;
    policy = setting.make();
  }
  const started = performance.now();
  const { metrics, events } = simulate(simulated, policy, { seed: job.seed, hours: job.hours });
  return { seed: job.seed, metrics, events, ms: performance.now() - started, thread: threadId };
}

const data = workerData as Partial<WorkerData> | null;
if (!isMainThread && parentPort && data?.tag === WORKER_TAG && data.workload) {
  const port = parentPort;
  const workload = data.workload;
  port.on('message', ({ id, job }: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { id, result: runReplication(workload, job) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id, error: { message: e.message, stack: e.stack } };
    }
    port.postMessage(reply);
  });
}
