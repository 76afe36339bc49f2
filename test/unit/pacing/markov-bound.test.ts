import { describe, expect, it } from 'vitest';
import { markovTwinOptimum, twinParameters } from '../../../src/sim/pacebench/markov-bound.js';
import { loadWorkload } from '../../../src/sim/pacebench/workload.js';

// research/pacing.md §2.5 [computed here]: h = 180 s, mean attempt 15 s, α = 3%.
const H = 180;
const ATTEMPT = 15;
const ALPHA = 0.03;

function research(n: number, p: number) {
  return markovTwinOptimum({
    n,
    p,
    mu: 1 / H,
    theta: 1 / ATTEMPT,
    alpha: ALPHA,
    rMax: Math.ceil((4 * n) / p),
  });
}

describe('markovTwinOptimum (research/pacing.md §5.7 item 4)', { timeout: 30_000 }, () => {
  it('reproduces n = 10, p = 0.3 → 0.861 with the research threshold curve', () => {
    const result = research(10, 0.3);
    expect(Math.abs(result.occupancy - 0.861)).toBeLessThanOrEqual(0.01);
    expect(result.abandonRate).toBeLessThanOrEqual(ALPHA);
    expect(result.abandonRate).toBeGreaterThan(0.025);
    expect(result.threshold).toEqual([25, 22, 20, 17, 14, 11, 8, 6, 3, 1, 0]);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.lambda).toBeGreaterThan(0);
    expect(result.capMass).toBe(0);
  });

  it('at exactly α, time-sharing the bracketing policies lands on α and can only add occupancy', () => {
    const result = research(10, 0.3);
    expect(result.atAlpha.abandonRate).toBeCloseTo(ALPHA, 9);
    expect(result.atAlpha.occupancy).toBeGreaterThanOrEqual(result.occupancy);
    expect(result.atAlpha.infeasibleShare).toBeGreaterThan(0);
    expect(result.atAlpha.infeasibleShare).toBeLessThan(1);
    // Bisection brackets tightly, so the gain over the feasible policy is small.
    expect(result.atAlpha.occupancy - result.occupancy).toBeLessThan(0.01);
  });

  it('reproduces n = 10, p = 0.1 → 0.827', () => {
    const result = research(10, 0.1);
    expect(Math.abs(result.occupancy - 0.827)).toBeLessThanOrEqual(0.01);
    expect(result.abandonRate).toBeLessThanOrEqual(ALPHA);
    expect(result.threshold).toEqual([63, 56, 48, 41, 33, 26, 19, 13, 6, 2, 0]);
  });

  it('trades occupancy for abandonment: a tighter α gives a lower bound', () => {
    const loose = research(10, 0.3);
    const tight = markovTwinOptimum({ n: 10, p: 0.3, mu: 1 / H, theta: 1 / ATTEMPT, alpha: 0.01, rMax: 134 });
    expect(tight.abandonRate).toBeLessThanOrEqual(0.01);
    expect(tight.occupancy).toBeLessThan(loose.occupancy);
    expect(tight.lambda).toBeGreaterThan(loose.lambda);
  });

  it('keeps the threshold curve non-increasing in b and zero when all agents are busy', () => {
    const { threshold } = research(10, 0.3);
    for (let b = 1; b < threshold.length; b += 1) {
      expect(threshold[b]).toBeLessThanOrEqual(threshold[b - 1] as number);
    }
    expect(threshold[10]).toBe(0);
  });

  it('a binding line cap lowers the bound only slightly and is reported through capMass', () => {
    const capped = markovTwinOptimum({
      n: 10,
      p: 0.3,
      mu: 1 / H,
      theta: 1 / ATTEMPT,
      alpha: ALPHA,
      rMax: 15,
    });
    const wide = research(10, 0.3);
    expect(capped.threshold[0]).toBe(15);
    expect(capped.occupancy).toBeLessThanOrEqual(wide.occupancy + 1e-9);
    expect(capped.occupancy).toBeGreaterThan(wide.occupancy - 0.02);
    expect(capped.capMass).toBeGreaterThan(0);
  });

  it('rejects invalid parameters', () => {
    const ok = { n: 10, p: 0.3, mu: 1 / H, theta: 1 / ATTEMPT, alpha: ALPHA, rMax: 134 };
    expect(() => markovTwinOptimum({ ...ok, n: 0 })).toThrow(RangeError);
    expect(() => markovTwinOptimum({ ...ok, p: 0 })).toThrow(RangeError);
    expect(() => markovTwinOptimum({ ...ok, rMax: 2.5 })).toThrow(RangeError);
    expect(() => markovTwinOptimum({ ...ok, alpha: 1 })).toThrow(RangeError);
  });
});

describe('twinParameters (§5.7 twin conventions)', () => {
  it('derives n, p_eff, μ and θ from W1-M', () => {
    const t = twinParameters(loadWorkload('W1-M'));
    expect(t.n).toBe(10);
    expect(t.p).toBeCloseTo(0.1152, 10);
    expect(t.meanHandle).toBeCloseTo(187.5, 10);
    expect(t.meanTalk).toBeCloseTo(187.5, 10);
    expect(t.mu).toBeCloseTo(1 / 187.5, 12);
    expect(t.meanAttempt).toBeCloseTo(19.03, 10);
    expect(t.theta).toBeCloseTo(1 / 19.03, 12);
    expect(t.alpha).toBe(0.03);
    expect(t.lineCap).toBe(30);
    expect(t.warnings).toEqual([]);
  });

  it('applies p_eff = p_human × (1 − FP) and flags a workload that is not a twin', () => {
    const t = twinParameters(loadWorkload('W2'));
    expect(t.p).toBeCloseTo(0.2 * (1 - 0.04), 10);
    expect(t.warnings.some((w) => w.includes('not a Markov twin'))).toBe(true);
  });
});
