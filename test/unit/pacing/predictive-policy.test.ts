import { describe, expect, it } from 'vitest';
import { predictivePolicy } from '../../../src/domain/pacing/predictive-policy.js';
import {
  countObservation,
  observationFrom,
  type PacingObservation,
  type PacingPolicy,
} from '../../../src/domain/pacing/pacing-policy.js';
import { streamRng } from '../../../src/sim/pacebench/rng.js';

const TARGET = { maxAbandonRate: 0.03, windowSeconds: 30 * 86_400 };

function obs(
  now: number,
  agents: { idle?: number; talk?: number; talkElapsed?: number; wrap?: number; wrapElapsed?: number },
  ringing: number[] = [],
  caps = { maxLinesPerAgent: 3, trunkCap: 1000 },
): PacingObservation {
  return observationFrom({
    nowSeconds: now,
    agents: [
      ...Array.from({ length: agents.idle ?? 0 }, () => ({ state: 'idle' as const, secondsInState: 2 })),
      ...Array.from({ length: agents.talk ?? 0 }, () => ({
        state: 'talk' as const,
        secondsInState: agents.talkElapsed ?? 60,
      })),
      ...Array.from({ length: agents.wrap ?? 0 }, () => ({
        state: 'wrap' as const,
        secondsInState: agents.wrapElapsed ?? 10,
      })),
    ],
    calls: ringing.map((elapsedSeconds) => ({ phase: 'ringing' as const, elapsedSeconds })),
    caps,
    target: TARGET,
  });
}

/** Feeds a policy a history: `liveShare` of attempts live after ~10 s, the rest resolving 3–25 s. */
function warm(policy: PacingPolicy, liveShare: number, attempts = 400, wrapSeconds = 20): number {
  const rng = streamRng(7, `warm:${liveShare}`);
  let t = 0;
  for (let i = 0; i < attempts; i += 1) {
    t += 1;
    const isLive = rng.next() < liveShare;
    policy.observe({
      kind: 'resolved',
      atSeconds: t,
      outcome: isLive ? 'human' : rng.next() < 0.5 ? 'machine' : 'no-answer',
      secondsSinceDial: isLive ? 7 + rng.next() * 6 : 3 + rng.next() * 22,
    });
    if (isLive) {
      policy.observe({ kind: 'connected', atSeconds: t, waitedSeconds: 0 });
      policy.observe({
        kind: 'handled',
        atSeconds: t,
        talkSeconds: 60 + rng.next() * 240,
        wrapSeconds: wrapSeconds * (0.5 + rng.next()),
      });
    }
  }
  return t;
}

describe('predictive policy (research/pacing.md §6)', () => {
  it('is progressive until it has seen enough attempts (cold start)', () => {
    const p = predictivePolicy();
    expect(p.decide(obs(0, { idle: 5, talk: 20 }))).toBe(5);
    expect(p.decide(obs(0, { idle: 5, talk: 20 }, [1, 2, 3]))).toBe(2);
  });

  it('dials ahead for agents about to be free once warm, more at a lower answer rate', () => {
    const high = predictivePolicy();
    const low = predictivePolicy();
    // Enough attempts that both have seen a handled call per agent (the cold start's condition).
    const t1 = warm(high, 0.3, 1500, 60);
    const t2 = warm(low, 0.1, 1500, 60);
    // 50 agents 40 s into a 30–90 s wrap-up: some free within the next 20 s; nothing in flight.
    const atHigh = high.decide(obs(t1, { wrap: 50, wrapElapsed: 40 }));
    const atLow = low.decide(obs(t2, { wrap: 50, wrapElapsed: 40 }));
    expect(atHigh).toBeGreaterThan(0);
    expect(atLow).toBeGreaterThan(atHigh);
  });

  it('dials less when calls already in flight will cover the agents about to be free', () => {
    const p = predictivePolicy();
    const t = warm(p, 0.3);
    const none = p.decide(obs(t, { idle: 2, wrap: 30, wrapElapsed: 15 }));
    const many = p.decide(
      obs(
        t,
        { idle: 2, wrap: 30, wrapElapsed: 15 },
        Array.from({ length: 60 }, () => 5),
      ),
    );
    expect(many).toBeLessThan(none);
  });

  it('agents who just started talking are not counted as about to be free', () => {
    const p = predictivePolicy();
    const t = warm(p, 0.2, 400, 40);
    const fresh = p.decide(obs(t, { talk: 40, talkElapsed: 1 }));
    // Wrap-ups last 20–60 s here: 40 s in, about half finish within the look-ahead.
    const wrapping = p.decide(obs(t, { wrap: 40, wrapElapsed: 40 }));
    expect(fresh).toBeLessThan(wrapping);
  });

  it('a burst of drops halves dialing for a while', () => {
    const p = predictivePolicy();
    const t = warm(p, 0.3);
    const before = p.decide(obs(t, { wrap: 50, wrapElapsed: 15 }));
    for (let i = 0; i < 30; i += 1) p.observe({ kind: 'abandoned', atSeconds: t + 1 });
    const after = p.decide(obs(t + 2, { wrap: 50, wrapElapsed: 15 }));
    expect(after).toBeLessThanOrEqual(Math.floor(before / 2));
  });

  it('never dials without an active agent and never exceeds the caps (seeded property test)', () => {
    const p = predictivePolicy();
    const rng = streamRng(11, 'predictive-property');
    let now = warm(p, 0.25);
    for (let step = 0; step < 3000; step += 1) {
      now += rng.next() * 3;
      if (rng.next() < 0.3)
        p.observe({ kind: rng.next() < 0.1 ? 'abandoned' : 'connected', atSeconds: now, waitedSeconds: 0 });
      const paused = rng.next() < 0.2;
      const o: PacingObservation = {
        ...obs(
          now,
          paused
            ? {}
            : {
                idle: Math.floor(rng.next() * 10),
                talk: Math.floor(rng.next() * 80),
                talkElapsed: rng.next() * 900,
                wrap: Math.floor(rng.next() * 20),
                wrapElapsed: rng.next() * 120,
              },
          Array.from({ length: Math.floor(rng.next() * 150) }, () => rng.next() * 40),
          { maxLinesPerAgent: rng.next() * 4, trunkCap: Math.floor(rng.next() * 300) },
        ),
      };
      const withPaused = paused ? { ...o, agents: { idle: 0, paused: 1, talkSince: [], wrapSince: [] } } : o;
      const dials = p.decide(withPaused);
      const counts = countObservation(withPaused);
      expect(Number.isInteger(dials) && dials >= 0).toBe(true);
      if (counts.active === 0) expect(dials).toBe(0);
      if (dials > 0) {
        expect(counts.inFlight + dials).toBeLessThanOrEqual(withPaused.caps.trunkCap);
        expect(counts.inFlight + dials).toBeLessThanOrEqual(withPaused.caps.maxLinesPerAgent * counts.active);
      }
    }
  });
});
