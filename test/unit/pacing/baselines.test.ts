import { describe, expect, it } from 'vitest';
import {
  erlangBPolicy,
  fixedRatioPolicy,
  progressivePolicy,
  vicidialAdaptivePolicy,
} from '../../../src/domain/pacing/baselines.js';
import { erlangB, erlangBMaxLoad } from '../../../src/domain/pacing/erlang-b.js';
import type {
  AgentObservation,
  CallPhase,
  InFlightCallObservation,
  PacingAgentState,
  PacingEvent,
  PacingObservation,
  PacingPolicy,
} from '../../../src/domain/pacing/pacing-policy.js';
import {
  clampDials,
  countObservation,
  liveDropTarget,
  observationFrom,
} from '../../../src/domain/pacing/pacing-policy.js';
import type { Rng } from '../../../src/sim/pacebench/rng.js';
import { streamRng } from '../../../src/sim/pacebench/rng.js';

const AGENT_STATES: PacingAgentState[] = ['idle', 'talk', 'wrap', 'paused'];
const PHASES: CallPhase[] = ['dialing', 'ringing', 'amd', 'waiting-for-agent'];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng.next() * items.length)] as T;
}

function randomObservation(rng: Rng, nowSeconds: number, noActiveAgents: boolean): PacingObservation {
  const agents: AgentObservation[] = [];
  const agentCount = Math.floor(rng.next() * 60);
  for (let i = 0; i < agentCount; i += 1) {
    agents.push({
      state: noActiveAgents ? 'paused' : pick(rng, AGENT_STATES),
      secondsInState: rng.next() * 600,
    });
  }
  const calls: InFlightCallObservation[] = [];
  const callCount = Math.floor(rng.next() * 200);
  for (let i = 0; i < callCount; i += 1) {
    calls.push({ phase: pick(rng, PHASES), elapsedSeconds: rng.next() * 30 });
  }
  const weird = rng.next();
  const trunkCap = weird < 0.05 ? -5 : weird < 0.1 ? Number.NaN : Math.floor(rng.next() * 300);
  return observationFrom({
    nowSeconds,
    agents,
    calls,
    caps: { maxLinesPerAgent: rng.next() < 0.05 ? 0 : 1 + rng.next() * 4, trunkCap },
    target: { maxAbandonRate: rng.next() * 0.1, windowSeconds: 86_400 },
  });
}

function randomEvent(rng: Rng, atSeconds: number): PacingEvent {
  const u = rng.next();
  if (u < 0.6) {
    return {
      kind: 'resolved',
      atSeconds,
      outcome: pick(rng, ['human', 'machine', 'busy', 'sit', 'no-answer'] as const),
      secondsSinceDial: rng.next() * 25,
    };
  }
  if (u < 0.75) return { kind: 'abandoned', atSeconds };
  if (u < 0.9) return { kind: 'connected', atSeconds, waitedSeconds: rng.next() };
  return { kind: 'handled', atSeconds, talkSeconds: rng.next() * 400, wrapSeconds: rng.next() * 60 };
}

const policies: [string, () => PacingPolicy][] = [
  ['progressive', () => progressivePolicy()],
  ['ratio:2.5', () => fixedRatioPolicy(2.5)],
  ['ratio:7', () => fixedRatioPolicy(7)],
  ['vicidial', () => vicidialAdaptivePolicy()],
  ['vicidial:HARD_LIMIT', () => vicidialAdaptivePolicy({ mode: 'HARD_LIMIT', intensity: 50 })],
  ['vicidial:TAPERED', () => vicidialAdaptivePolicy({ mode: 'TAPERED' })],
  ['erlang-b', () => erlangBPolicy()],
];

describe('pacing policies under random observations (seeded property test)', () => {
  it.each(policies)('%s never dials without an active agent and never exceeds the caps', (name, make) => {
    const policy = make();
    const rng = streamRng(42, `property:${name}`);
    let now = 0;
    for (let step = 0; step < 3000; step += 1) {
      now += rng.next() * 5;
      for (let e = Math.floor(rng.next() * 4); e > 0; e -= 1) policy.observe(randomEvent(rng, now));
      const obs = randomObservation(rng, now, rng.next() < 0.2);
      const dials = policy.decide(obs);
      const counts = countObservation(obs);
      expect(Number.isInteger(dials)).toBe(true);
      expect(dials).toBeGreaterThanOrEqual(0);
      if (counts.active === 0) expect(dials).toBe(0);
      if (dials > 0) {
        expect(counts.inFlight + dials).toBeLessThanOrEqual(obs.caps.trunkCap);
        expect(counts.inFlight + dials).toBeLessThanOrEqual(obs.caps.maxLinesPerAgent * counts.active);
      }
    }
  });
});

describe('clampDials', () => {
  const base: PacingObservation = observationFrom({
    nowSeconds: 0,
    agents: [
      { state: 'idle', secondsInState: 1 },
      { state: 'talk', secondsInState: 1 },
      { state: 'paused', secondsInState: 1 },
    ],
    calls: [{ phase: 'ringing', elapsedSeconds: 3 }],
    caps: { maxLinesPerAgent: 3, trunkCap: 100 },
    target: { maxAbandonRate: 0.03, windowSeconds: 86_400 },
  });
  it.each([
    [10, 5],
    [2.7, 2],
    [-3, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 5],
  ])('wanted %d ⇒ %d (2 active agents × 3 lines − 1 in flight)', (wanted, expected) => {
    expect(clampDials(base, wanted)).toBe(expected);
  });
  it('respects the trunk cap', () => {
    expect(clampDials({ ...base, caps: { maxLinesPerAgent: 3, trunkCap: 3 } }, 10)).toBe(2);
  });
  it('dials nothing when every logged-in agent is paused', () => {
    const allPaused = { ...base, agents: { idle: 0, paused: 3, talkSince: [], wrapSince: [] } };
    expect(clampDials(allPaused, 10)).toBe(0);
  });
});

describe('baseline rules', () => {
  const obs = (idle: number, talk: number, wrap: number, inFlight: number): PacingObservation =>
    observationFrom({
      nowSeconds: 100,
      agents: [
        ...Array.from({ length: idle }, () => ({ state: 'idle' as const, secondsInState: 1 })),
        ...Array.from({ length: talk }, () => ({ state: 'talk' as const, secondsInState: 1 })),
        ...Array.from({ length: wrap }, () => ({ state: 'wrap' as const, secondsInState: 1 })),
      ],
      calls: Array.from({ length: inFlight }, () => ({ phase: 'ringing' as const, elapsedSeconds: 1 })),
      caps: { maxLinesPerAgent: 3, trunkCap: 1000 },
      target: { maxAbandonRate: 0.03, windowSeconds: 86_400 },
    });
  it('progressive dials idle agents minus calls in flight', () => {
    expect(progressivePolicy().decide(obs(4, 3, 1, 1))).toBe(3);
  });
  it('fixed ratio follows VICIdial RATIO: round(L × (ready + in-call agents)) − (in flight + connected)', () => {
    // 7 agents (the one in wrap is DEAD to VICIdial) × 2 = 14 goal; 1 in flight + 3 talking.
    expect(fixedRatioPolicy(2).decide(obs(4, 3, 1, 1))).toBe(10);
    expect(fixedRatioPolicy(2).decide(obs(4, 3, 5, 1))).toBe(10);
  });
  it('Erlang-B matches a published table value and inverts', () => {
    // B(10, 5) = 0.018385 (standard Erlang-B tables).
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 5);
    const a = erlangBMaxLoad(10, 0.03);
    expect(erlangB(10, a)).toBeLessThanOrEqual(0.03);
    expect(erlangB(10, a * 1.001)).toBeGreaterThan(0.03);
  });
});

describe('liveDropTarget (Ofcom counts AMD false positives as abandoned calls)', () => {
  it('is the cap itself when false positives do not count', () => {
    expect(liveDropTarget(0.03, false, 0.04)).toBe(0.03);
    expect(liveDropTarget(0.03, true, 0)).toBe(0.03);
  });
  it('leaves (α − f) / (1 − f) of live answers, so (drops + FP) / (live + FP) lands exactly on α', () => {
    const f = 0.01;
    const target = liveDropTarget(0.03, true, f);
    // 1000 people answer: 10 are hung up on by the detector, 990 reach the connect decision.
    const fp = 1000 * f;
    const live = 1000 - fp;
    expect((target * live + fp) / (live + fp)).toBeCloseTo(0.03, 12);
  });
  it('is zero when the detector alone spends the budget', () => {
    expect(liveDropTarget(0.03, true, 0.04)).toBe(0);
  });
});
