/**
 * The pacing policy contract shared by the simulator (src/sim/pacebench) and the live dialer
 * (src/services/dialer/campaign-pacer.ts). A policy is told what happened (`observe`) and asked how many new dials to place now
 * (`decide`). Observations are non-anticipative (research/pacing.md §5.1): the policy never sees a
 * lead's destiny, only agent states, calls in flight and the classified results of resolved calls.
 *
 * Pure: `nowSeconds` is an argument, no clock and no randomness here.
 */

/** Agent states the policy can see; logged-out agents are not in the observation at all. */
export type PacingAgentState = 'idle' | 'talk' | 'wrap' | 'paused';

/**
 * Signalling phase of a call the dialer placed that has not reached an agent yet.
 * `waiting-for-agent`: a live answer held within the connect grace (§5.1 step 4).
 */
export type CallPhase = 'dialing' | 'ringing' | 'amd' | 'waiting-for-agent';

/**
 * The campaign's logged-in agents by state (logged-out ones are not counted). Agents in talk and
 * wrap-up are listed by the instant their state began, on the clock of `nowSeconds`: the look-ahead
 * reads every one of them on every decision, so they come as flat lists of numbers a producer can
 * keep up to date as agents change state (the simulator does), not as an object per agent.
 */
export interface AgentsObservation {
  readonly idle: number;
  readonly paused: number;
  /** When each agent now talking began its call (seconds). */
  readonly talkSince: readonly number[];
  /** When each agent now in wrap-up began it (seconds). */
  readonly wrapSince: readonly number[];
}

/** Calls placed and not yet connected to an agent nor resolved. */
export interface CallsObservation {
  /** When each call still dialing or ringing was placed (seconds). */
  readonly placedAt: readonly number[];
  /** Answered, the answering-machine detector deciding. */
  readonly amd: number;
  /** Live answers held within the connect grace, waiting for an agent. */
  readonly waitingForAgent: number;
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
  readonly agents: AgentsObservation;
  readonly calls: CallsObservation;
  readonly caps: PacingCaps;
  readonly target: AbandonTarget;
}

/** One agent as the live dialer and tests describe it; `observationFrom` turns a list into columns. */
export interface AgentObservation {
  readonly state: PacingAgentState;
  readonly secondsInState: number;
}

export interface InFlightCallObservation {
  readonly phase: CallPhase;
  readonly elapsedSeconds: number;
}

/** An observation from one entry per agent and per call (the live pacer, tests). */
export function observationFrom(input: {
  nowSeconds: number;
  agents: readonly AgentObservation[];
  calls: readonly InFlightCallObservation[];
  caps: PacingCaps;
  target: AbandonTarget;
}): PacingObservation {
  const now = input.nowSeconds;
  const agents = { idle: 0, paused: 0, talkSince: [] as number[], wrapSince: [] as number[] };
  for (const agent of input.agents) {
    if (agent.state === 'idle') agents.idle += 1;
    else if (agent.state === 'paused') agents.paused += 1;
    else (agent.state === 'talk' ? agents.talkSince : agents.wrapSince).push(now - agent.secondsInState);
  }
  const calls = { placedAt: [] as number[], amd: 0, waitingForAgent: 0 };
  for (const call of input.calls) {
    if (call.phase === 'amd') calls.amd += 1;
    else if (call.phase === 'waiting-for-agent') calls.waitingForAgent += 1;
    else calls.placedAt.push(now - call.elapsedSeconds);
  }
  return { nowSeconds: now, agents, calls, caps: input.caps, target: input.target };
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

export function countObservation(obs: PacingObservation): ObservationCounts {
  const { agents, calls } = obs;
  return {
    idle: agents.idle,
    talk: agents.talkSince.length,
    wrap: agents.wrapSince.length,
    paused: agents.paused,
    active: activeAgents(obs),
    inFlight: callsInFlight(obs),
    waitingForAgent: calls.waitingForAgent,
  };
}

/** Agents logged in and not paused. */
export function activeAgents(obs: PacingObservation): number {
  const { agents } = obs;
  return agents.idle + agents.talkSince.length + agents.wrapSince.length;
}

/** Calls placed and not yet connected nor resolved. */
export function callsInFlight(obs: PacingObservation): number {
  const { calls } = obs;
  return calls.placedAt.length + calls.amd + calls.waitingForAgent;
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * The one guard every policy's answer goes through: no dial without an agent logged in and not
 * paused, never above the trunk nor the lines-per-agent cap, a non-negative integer.
 */
export function clampDials(obs: PacingObservation, wanted: number): number {
  const active = activeAgents(obs);
  if (active === 0) return 0;
  const inFlight = callsInFlight(obs);
  const byTrunk = Math.floor(finiteOrZero(obs.caps.trunkCap)) - inFlight;
  const byLines = Math.floor(finiteOrZero(obs.caps.maxLinesPerAgent) * active) - inFlight;
  const asked = Number.isNaN(wanted) ? 0 : Math.floor(wanted);
  return Math.max(0, Math.min(asked, byTrunk, byLines));
}
