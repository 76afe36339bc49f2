/**
 * Controller sanity tests of research/pacing.md §5.6, run through the simulator on short shifts:
 * cheap, deterministic (seeded), and aimed at sign errors and broken feedback rather than figures.
 */
import { describe, expect, it } from 'vitest';
import { predictivePolicy } from '../../../src/domain/pacing/predictive-policy.js';
import { progressivePolicy } from '../../../src/domain/pacing/baselines.js';
import { simulate } from '../../../src/sim/pacebench/simulator.js';
import { loadWorkload, type Workload } from '../../../src/sim/pacebench/workload.js';

const W2 = loadWorkload('W2');

function withTarget(w: Workload, maxRate: number): Workload {
  return { ...w, abandonment: { ...w.abandonment, maxRate } };
}

describe('predictive policy: controller sanity (§5.6)', () => {
  it('a higher abandonment target never buys less occupancy', () => {
    const occupancy = [0.01, 0.03, 0.06].map(
      (rate) =>
        simulate(withTarget(W2, rate), predictivePolicy(), { seed: 3, hours: 3 }).metrics.occupancyTalk,
    );
    expect(occupancy[1]).toBeGreaterThanOrEqual(occupancy[0]!);
    expect(occupancy[2]).toBeGreaterThanOrEqual(occupancy[1]!);
    // And the spread is real: the policy does spend the budget it is given.
    expect(occupancy[2]! - occupancy[0]!).toBeGreaterThan(0.02);
  });

  it('with a target of 0 it drops no more than progressive does', () => {
    const zero = withTarget(W2, 0);
    const predictive = simulate(zero, predictivePolicy(), { seed: 4, hours: 2 }).metrics;
    const progressive = simulate(zero, progressivePolicy(), { seed: 4, hours: 2 }).metrics;
    expect(predictive.abandoned).toBeLessThanOrEqual(progressive.abandoned);
  });

  it('a step up in the answer rate lowers the dial rate within minutes', () => {
    const stepAtHours = 2;
    const stepped: Workload = {
      ...W2,
      answerProfile: { hourly: undefined, bursts: [], steps: [{ atHours: stepAtHours, multiplier: 2 }] },
    };
    const dialsAt: number[] = [];
    simulate(stepped, predictivePolicy(), {
      seed: 5,
      hours: 3,
      trace: { onDial: (_lead, _destiny, at) => dialsAt.push(at) },
    });
    const step = stepAtHours * 3600;
    const count = (from: number, to: number) => dialsAt.filter((t) => t >= from && t < to).length;
    // Twice the people answering: the same agents need far fewer dials once the policy has seen it.
    const before = count(step - 900, step);
    const after = count(step + 600, step + 1500);
    expect(after).toBeLessThan(before * 0.8);
  });
});
