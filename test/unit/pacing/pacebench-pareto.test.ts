import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CurvePoint, FamilyRun } from '../../../src/sim/pacebench/pareto.js';
import {
  analyseSweep,
  familySweep,
  occupancyAt,
  pairedDifference,
  runSweep,
  upperFrontier,
  whyUndefined,
} from '../../../src/sim/pacebench/pareto.js';
import { loadWorkload } from '../../../src/sim/pacebench/workload.js';

const point = (setting: string, abandonRate: number, occupancy: number): CurvePoint => ({
  setting,
  abandonRate,
  occupancy,
});

/** A hand-made curve: (0, 0.6) → (0.02, 0.8) → (0.04, 0.9). */
const CURVE = [point('a', 0, 0.6), point('b', 0.02, 0.8), point('c', 0.04, 0.9)];

describe('pacebench:pareto frontier', () => {
  it('drops dominated points, keeps the best of equal abandonment, and sorts by abandonment', () => {
    const frontier = upperFrontier([
      point('c', 0.04, 0.9),
      point('dominated', 0.03, 0.7),
      point('a', 0, 0.6),
      point('tie-low', 0, 0.5),
      point('b', 0.02, 0.8),
      point('worse-and-higher', 0.05, 0.85),
      point('nan', Number.NaN, 0.99),
    ]);
    expect(frontier.map((p) => p.setting)).toEqual(['a', 'b', 'c']);
  });

  it('drops a point whose occupancy only equals a lower-abandonment point', () => {
    expect(upperFrontier([point('a', 0.01, 0.8), point('same', 0.02, 0.8)]).map((p) => p.setting)).toEqual([
      'a',
    ]);
  });
});

describe('pacebench:pareto interpolation', () => {
  it.each([
    [0.01, 0.7, 'a', 'b'],
    [0.03, 0.85, 'b', 'c'],
    [0.035, 0.875, 'b', 'c'],
    [0.02, 0.8, 'b', 'b'],
    [0.04, 0.9, 'c', 'c'],
    [0, 0.6, 'a', 'a'],
  ])('at %s gives %s between %s and %s', (at, occupancy, lower, upper) => {
    const i = occupancyAt(CURVE, at);
    expect(i.kind).toBe('interpolated');
    if (i.kind !== 'interpolated') return;
    expect(i.occupancy).toBeCloseTo(occupancy, 12);
    expect([i.lower.setting, i.upper.setting]).toEqual([lower, upper]);
  });

  it('is NaN beyond the highest point and says what the family reaches', () => {
    const i = occupancyAt(CURVE, 0.05);
    expect(i.kind).toBe('beyond-frontier');
    expect(i.occupancy).toBeNaN();
    expect(whyUndefined(i, 0.05)).toBe(
      'the family never reaches 5% abandonment; its best is 0.900 at 4% (c)',
    );
  });

  it('is NaN below the lowest point and with no points', () => {
    const below = occupancyAt([point('x', 0.04, 0.9)], 0.03);
    expect(below.kind).toBe('below-frontier');
    expect(below.occupancy).toBeNaN();
    expect(whyUndefined(below, 0.03)).toContain('every setting abandons more than 3%');
    expect(occupancyAt([], 0.03).kind).toBe('no-points');
  });
});

describe('pacebench:pareto paired differences', () => {
  it('gives the mean and Student-t 95% interval of the per-seed differences', () => {
    // Differences 1, 2, 3: mean 2, sd 1, t(2 df) = 4.303, half-width 4.303/√3.
    const { perSeed, interval } = pairedDifference([11, 22, 33], [10, 20, 30]);
    expect(perSeed).toEqual([1, 2, 3]);
    expect(interval.n).toBe(3);
    expect(interval.mean).toBeCloseTo(2, 9);
    expect(interval.low).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 9);
    expect(interval.high).toBeCloseTo(2 + 4.303 / Math.sqrt(3), 9);
  });

  it('drops pairs with a NaN side and refuses unequal lengths', () => {
    const { interval } = pairedDifference([1, Number.NaN, 5, 9], [0, 0, Number.NaN, 7]);
    expect(interval.n).toBe(2);
    expect(interval.mean).toBeCloseTo(1.5, 9);
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });

  it('analyses hand-made runs per seed and on the seed-averaged curve', () => {
    const runs: FamilyRun[] = [
      {
        family: 'mine',
        settings: [
          { setting: 'low', abandonRate: [0, 0.02], occupancy: [0.6, 0.7] },
          { setting: 'high', abandonRate: [0.04, 0.04], occupancy: [0.8, 0.9] },
        ],
      },
      { family: 'base', settings: [{ setting: 'only', abandonRate: [0.03, 0.03], occupancy: [0.5, 0.6] }] },
    ];
    const a = analyseSweep(runs, [1, 2], 0.03, 'base');
    const [mine, base] = a.families;
    // Seed 1: halfway from (0, 0.6) to (0.04, 0.8) at 0.03 = 0.75; seed 2: (0.02, 0.7)→(0.04, 0.9) = 0.8.
    expect(mine?.perSeed.map((i) => i.occupancy)).toEqual([
      expect.closeTo(0.75, 12),
      expect.closeTo(0.8, 12),
    ]);
    expect(mine?.difference?.perSeed).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.2, 12)]);
    expect(base?.difference).toBeUndefined();
    // Seed-averaged points (0.01, 0.65) and (0.04, 0.85): 0.65 + 2/3 × 0.2.
    expect(mine?.atMeanCurve.occupancy).toBeCloseTo(0.65 + (2 / 3) * 0.2, 9);
    expect(analyseSweep(runs, [1, 2], 0.03).families.every((f) => f.difference === undefined)).toBe(true);
  });
});

describe('pacebench:pareto sweep end to end', () => {
  it('runs three settings per family on the same seeds and interpolates between frontier neighbours', () => {
    const w2 = loadWorkload('W2');
    const pick = (family: 'predictive' | 'vicidial' | 'ratio' | 'erlang-b', labels: string[]) => {
      const sweep = familySweep(family, w2);
      return { ...sweep, settings: sweep.settings.filter((s) => labels.includes(s.label)) };
    };
    const families = [
      pick('predictive', ['α=0.5%', 'α=3%', 'α=6%']),
      pick('vicidial', [
        'AVERAGE drop=1% intensity=0',
        'AVERAGE drop=3% intensity=0',
        'AVERAGE drop=8% intensity=50',
      ]),
      pick('ratio', ['ratio:1', 'ratio:1.5', 'ratio:3']),
    ];
    expect(families.map((f) => f.settings.length)).toEqual([3, 3, 3]);
    let progress = 0;
    const runs = runSweep(families, { seeds: [1, 2], hours: 0.5, onSetting: (done) => (progress = done) });
    expect(progress).toBe(9);
    const a = analyseSweep(runs, [1, 2], 0.03, 'vicidial');
    expect(a.families.map((f) => f.family)).toEqual(['predictive', 'vicidial', 'ratio']);
    for (const f of a.families) {
      expect(f.perSeed).toHaveLength(2);
      expect(f.settings).toHaveLength(3);
      for (const s of f.settings) expect(s.occupancy.n).toBe(2);
    }
    // Ratio 1 (progressive) never abandons and ratio 3 abandons far more than 3%: always bracketed.
    const ratio = a.families.find((f) => f.family === 'ratio');
    expect(ratio?.perSeed.every((i) => i.kind === 'interpolated')).toBe(true);
    expect(ratio?.atMeanCurve.kind).toBe('interpolated');
    for (const f of a.families) {
      for (const i of [...f.perSeed, f.atMeanCurve]) {
        if (i.kind !== 'interpolated') continue;
        expect(i.lower.abandonRate).toBeLessThanOrEqual(0.03);
        expect(i.upper.abandonRate).toBeGreaterThanOrEqual(0.03);
        expect(i.occupancy).toBeGreaterThanOrEqual(i.lower.occupancy);
        expect(i.occupancy).toBeLessThanOrEqual(i.upper.occupancy);
      }
    }
    expect(ratio?.difference?.perSeed).toHaveLength(2);
  });
});

describe('pacebench:pareto command line', () => {
  it.each([
    [['--workload', 'W1', '--families', 'predictive,nope'], '--families: unknown family "nope"'],
    [['--workload', 'W1', '--at', '1.5'], '--at: expected an abandonment rate strictly between 0 and 1'],
    [['--workload', 'W1', '--families', 'ratio', '--baseline', 'vicidial'], '--baseline: vicidial is not'],
    [['--workload', 'W9'], 'workload refused'],
  ])('%j exits 2 naming the flag', (argv, message) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/sim/pacebench/pareto-cli.ts', ...argv], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
