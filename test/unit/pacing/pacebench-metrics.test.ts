import { describe, expect, it } from 'vitest';
import {
  MetricsCollector,
  percentile,
  worstPeriodRatio,
  worstRollingRatio,
} from '../../../src/sim/pacebench/metrics.js';
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

  it('worst successive period: each calling day on its own, a nearly empty stretch not judged apart', () => {
    const day = 86_400;
    // Day 0: 100 answers, 2 dropped; day 1: 100 answers, 5 dropped, the last one at the very end.
    const times = [
      ...Array.from({ length: 100 }, (_, i) => i * 60),
      ...Array.from({ length: 100 }, (_, i) => day + i * 60),
    ];
    const num = times.map((_, i) => (i < 2 || (i >= 195 && i < 200) ? 1 : 0));
    expect(worstPeriodRatio(times, num, day, 0)).toBeCloseTo(0.05, 10);
    // The same events judged as one 30-day period.
    expect(worstPeriodRatio(times, num, 30 * day, 0)).toBeCloseTo(7 / 200, 10);
    expect(worstPeriodRatio([], [], day, 0)).toBe(0);
  });

  it('the worst hour is judged inside each shift, never across the night', () => {
    const day = 86_400;
    const shift = 8 * 3600;
    const m = new MetricsCollector(0.03, 0);
    // Two days, a live answer every 20 s; on day 0 the last 5 answers (the final 100 s) are dropped.
    for (const start of [0, day]) {
      m.startDay(start, start, start + shift);
      for (let t = start; t < start + shift; t += 20) {
        const i = m.liveAnswer(t);
        if (start === 0 && t >= shift - 100) m.abandon(i);
      }
    }
    const metrics = m.finish();
    // The shift's last full hour holds 180 answers, 5 dropped; a window from day 0's last 30
    // answers into the night would have read 5 / 30.
    expect(metrics.worstHourAbandonRateFtc).toBeCloseTo(5 / 180, 10);
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
