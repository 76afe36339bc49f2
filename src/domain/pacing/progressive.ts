/**
 * Progressive (power) dialing: at most one call per free agent, each call with its agent reserved
 * before the Originate, so a live answer always has an agent and nothing is abandoned by design.
 * Predictive pacing (issue #4) replaces this for campaigns in predictive mode.
 */
export interface ProgressiveInput {
  /** Agents ready, with their phone leg up, and not reserved. */
  freeAgents: number;
  /** This campaign's calls in progress. */
  callsInProgress: number;
  /** The campaign's line cap (trunk capacity). */
  maxLines: number;
}

export function progressiveDialsToPlace(input: ProgressiveInput): number {
  const byLines = input.maxLines - input.callsInProgress;
  return Math.max(0, Math.min(input.freeAgents, byLines));
}
