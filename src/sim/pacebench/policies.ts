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
import { predictivePolicy } from '../../domain/pacing/predictive-policy.js';
import type { Workload } from './workload.js';

export const POLICY_HELP =
  'predictive[:A] (A = aggressiveness, default 1) | predictive-rho:R (fixed risk allowance) | progressive | ratio:L (L > 0) | vicidial[:HARD_LIMIT|AVERAGE|TAPERED] | erlang-b';

export class PolicySpecError extends Error {
  readonly code = 'PACEBENCH_POLICY_INVALID';
}

/** A factory, so each replication starts from a fresh policy state. */
export function policyFactory(spec: string, workload: Workload): () => PacingPolicy {
  const [name, arg] = spec.split(':', 2);
  switch (name) {
    case 'predictive-rho': {
      // The production policy with its risk allowance held fixed (no outer loop), for sweeps.
      const rho = Number(arg);
      if (arg !== undefined && Number.isFinite(rho) && rho > 0 && rho < 1)
        return () => predictivePolicy({ fixedRho: rho });
      throw new PolicySpecError(`--policy ${spec}: ρ must be between 0 and 1, e.g. predictive-rho:0.05`);
    }
    case 'predictive': {
      // The production policy, the same code the live dialer runs (src/services/dialer/campaign-pacer.ts).
      const aggressiveness = arg === undefined ? 1 : Number(arg);
      if (Number.isFinite(aggressiveness) && aggressiveness > 0)
        return () => predictivePolicy({ aggressiveness });
      throw new PolicySpecError(
        `--policy ${spec}: the aggressiveness must be a positive number, e.g. predictive:1.5`,
      );
    }
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
