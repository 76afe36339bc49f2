import { describe, expect, it } from 'vitest';
import { percentile, worstRollingRatio } from '../../../src/sim/pacebench/metrics.js';
import { meanInterval } from '../../../src/sim/pacebench/report.js';

describe('pacebench metrics helpers', () => {
  it('worst rolling window only counts windows that fit in the run and have enough answers', () => {
    // Live answers every 10 s for 2 h; abandons only in the last 10 minutes.
    const times = Array.from({ length: 720 }, (_, i) => i * 10);
    const num = times.map((t) => (t >= 6600 ? 1 : 0));
    const ones = times.map(() => 1);
    const worst = worstRollingRatio(times, num, ones, 3600, 30, 0, 7200);
    // The last full hour [3600, 7200) holds 60 abandons out of 360 answers.
    expect(worst).toBeCloseTo(60 / 360, 10);
    expect(worstRollingRatio(times, num, ones, 3600, 1000, 0, 7200)).toBeNaN();
    // A run shorter than the window is judged as a whole.
    expect(worstRollingRatio(times, num, ones, 86_400, 1, 0, 7200)).toBeCloseTo(60 / 720, 10);
  });

  it('nearest-rank percentiles', () => {
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(5);
    expect(percentile([], 0.5)).toBe(0);
  });

  it('Student t interval over seeds', () => {
    const i = meanInterval([1, 2, 3]);
    expect(i.mean).toBe(2);
    // t(0.975, 2) = 4.303, s = 1, n = 3.
    expect(i.high - i.mean).toBeCloseTo(4.303 / Math.sqrt(3), 6);
    expect(meanInterval([Number.NaN, 4]).n).toBe(1);
  });
});
