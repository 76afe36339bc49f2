/**
 * The pacing policy contract shared by the simulator (src/sim/pacebench) and, later, the live dialer
 * (issue #4). A policy is told what happened (`observe`) and asked how many new dials to place now
 * (`decide`). Observations are non-anticipative (research/pacing.md §5.1): the policy never sees a
 * lead's destiny, only agent states, calls in flight and the classified results of resolved calls.
 *
 * Pure: `nowSeconds` is an argument, no clock and no randomness here.
 */

/** Agent states the policy can see; logged-out agents are not in the observation at all. */
export type PacingAgentState = 'idle' | 'talk' | 'wrap' | 'paused';

export interface AgentObservation {
  readonly state: PacingAgentState;
  readonly secondsInState: number;
}

/**
 * Signalling phase of a call the dialer placed that has not reached an agent yet.
 * `waiting-for-agent`: a live answer held within the connect grace (§5.1 step 4).
 */
export type CallPhase = 'dialing' | 'ringing' | 'amd' | 'waiting-for-agent';

export interface InFlightCallObservation {
  readonly phase: CallPhase;
  readonly elapsedSeconds: number;
}

export interface PacingCaps {
  /** Calls in flight per logged-in, non-paused agent (Cisco default 3, VICIdial max 3.0). */
  readonly maxLinesPerAgent: number;
  /** Calls in flight the trunk (or the campaign's line budget) can carry. */
  readonly trunkCap: number;
}

export interface AbandonTarget {
  /** Share of live answers that may be abandoned, e.g. 0.03 (FTC TSR 310.4(b)(4)(i), Ofcom). */
  readonly maxAbandonRate: number;
  /** Measurement window: 30 days (FTC) or 24 h (Ofcom). */
  readonly windowSeconds: number;
}

export interface PacingObservation {
  readonly nowSeconds: number;
  /** Logged-in agents of the campaign (paused ones included, logged-out ones not). */
  readonly agents: readonly AgentObservation[];
  /** Calls placed and not yet connected to an agent nor resolved. */
  readonly calls: readonly InFlightCallObservation[];
  readonly caps: PacingCaps;
  readonly target: AbandonTarget;
  /**
   * Optional tallies of `agents` and `calls` kept by a producer that maintains them incrementally
   * (the simulator, to stay fast); when present they must agree with the lists.
   */
  readonly counts?: ObservationCounts;
}

/** How the dialer classified a resolved attempt (after AMD: a false positive reads `machine`). */
export type ResolvedOutcome = 'human' | 'machine' | 'busy' | 'sit' | 'no-answer';

/** Facts a policy may learn from to keep its own running estimates. */
export type PacingEvent =
  | {
      readonly kind: 'resolved';
      readonly atSeconds: number;
      readonly outcome: ResolvedOutcome;
      /** From the dial to the resolution (for `human`/`machine`: to the AMD decision). */
      readonly secondsSinceDial: number;
    }
  | { readonly kind: 'connected'; readonly atSeconds: number; readonly waitedSeconds: number }
  | { readonly kind: 'abandoned'; readonly atSeconds: number }
  | {
      readonly kind: 'handled';
      readonly atSeconds: number;
      readonly talkSeconds: number;
      readonly wrapSeconds: number;
    };

export interface PacingPolicy {
  readonly name: string;
  observe(event: PacingEvent): void;
  /** New dials wanted now; callers pass the result through `clampDials` before dialing. */
  decide(obs: PacingObservation): number;
}

export interface ObservationCounts {
  idle: number;
  talk: number;
  wrap: number;
  paused: number;
  /** Logged in and not paused: the agents a dial may be placed for. */
  active: number;
  inFlight: number;
  waitingForAgent: number;
}

/**
 * The share of live answers a policy may drop so that the regulator's rate stays within
 * `maxAbandonRate`. Under the FTC rule that is the rate itself. Ofcom (persistent-misuse policy)
 * counts a person the answering-machine detector hung up on as an abandoned call too:
 * rate = (drops + FP) / (live + FP), where FP is a share `f` of the people who answered
 * (live + FP). Solving (drops / live) for rate ≤ α gives (α − f) / (1 − f). Zero when the detector
 * alone uses up the budget (f ≥ α): then no predictive dialing is lawful with that detector on.
 */
export function liveDropTarget(
  maxAbandonRate: number,
  countsAmdFalsePositives: boolean,
  amdFalsePositiveRate: number,
): number {
  if (!countsAmdFalsePositives || amdFalsePositiveRate <= 0) return maxAbandonRate;
  return Math.max(0, (maxAbandonRate - amdFalsePositiveRate) / (1 - amdFalsePositiveRate));
}

export function countObservation(obs: PacingObservation): Readonly<ObservationCounts> {
  if (obs.counts) return obs.counts;
  const counts: ObservationCounts = {
    idle: 0,
    talk: 0,
    wrap: 0,
    paused: 0,
    active: 0,
    inFlight: obs.calls.length,
    waitingForAgent: 0,
  };
  for (const agent of obs.agents) counts[agent.state] += 1;
  counts.active = counts.idle + counts.talk + counts.wrap;
  for (const call of obs.calls) if (call.phase === 'waiting-for-agent') counts.waitingForAgent += 1;
  return counts;
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * The one guard every policy's answer goes through: no dial without an agent logged in and not
 * paused, never above the trunk nor the lines-per-agent cap, a non-negative integer.
 */
export function clampDials(obs: PacingObservation, wanted: number): number {
  const counts = countObservation(obs);
  if (counts.active === 0) return 0;
  const byTrunk = Math.floor(finiteOrZero(obs.caps.trunkCap)) - counts.inFlight;
  const byLines = Math.floor(finiteOrZero(obs.caps.maxLinesPerAgent) * counts.active) - counts.inFlight;
  const asked = Number.isNaN(wanted) ? 0 : Math.floor(wanted);
  return Math.max(0, Math.min(asked, byTrunk, byLines));
}
