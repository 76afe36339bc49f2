/**
 * Policy names on the pacebench command line, e.g. `progressive`, `ratio:2.0`, `vicidial`,
 * `vicidial:TAPERED`, `erlang-b`. A new policy (the production predictive one, issue #4) registers
 * here.
 */
import type { AdaptiveDropMode } from '../../domain/pacing/baselines.js';
import {
  erlangBPolicy,
  fixedRatioPolicy,
  progressivePolicy,
  vicidialAdaptivePolicy,
} from '../../domain/pacing/baselines.js';
import type { PacingPolicy } from '../../domain/pacing/pacing-policy.js';
import type { Workload } from './workload.js';

export const POLICY_HELP = 'progressive | ratio:L (L > 0) | vicidial[:HARD_LIMIT|AVERAGE|TAPERED] | erlang-b';

export class PolicySpecError extends Error {
  readonly code = 'PACEBENCH_POLICY_INVALID';
}

/** A factory, so each replication starts from a fresh policy state. */
export function policyFactory(spec: string, workload: Workload): () => PacingPolicy {
  const [name, arg] = spec.split(':', 2);
  switch (name) {
    case 'progressive':
      if (arg === undefined) return () => progressivePolicy();
      break;
    case 'ratio': {
      const ratio = Number(arg);
      if (arg !== undefined && Number.isFinite(ratio) && ratio > 0) return () => fixedRatioPolicy(ratio);
      throw new PolicySpecError(`--policy ${spec}: the ratio must be a positive number, e.g. ratio:2.0`);
    }
    case 'vicidial': {
      const mode = (arg ?? 'AVERAGE').toUpperCase();
      if (mode === 'HARD_LIMIT' || mode === 'AVERAGE' || mode === 'TAPERED') {
        const latestSecondsOfDay = Math.max(...workload.agents.map((g) => g.logoutHours)) * 3600;
        return () => vicidialAdaptivePolicy({ mode: mode as AdaptiveDropMode, latestSecondsOfDay });
      }
      throw new PolicySpecError(`--policy ${spec}: the mode must be HARD_LIMIT, AVERAGE or TAPERED`);
    }
    case 'erlang-b':
      if (arg === undefined) return () => erlangBPolicy();
      break;
  }
  throw new PolicySpecError(`--policy ${spec}: unknown policy; expected ${POLICY_HELP}`);
}
