import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedRatioPolicy, progressivePolicy } from '../../../src/domain/pacing/baselines.js';
import type { Destiny } from '../../../src/sim/pacebench/destiny.js';
import { policyFactory } from '../../../src/sim/pacebench/policies.js';
import { runPolicy, summaryJson } from '../../../src/sim/pacebench/report.js';
import { simulate } from '../../../src/sim/pacebench/simulator.js';
import { loadWorkload } from '../../../src/sim/pacebench/workload.js';

const W1 = loadWorkload('W1');
const W2 = loadWorkload('W2');

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('pacebench simulator', () => {
  it('golden digest: seed 1, W1 shortened to 1 h, progressive', () => {
    const summary = runPolicy(W1, 'progressive', { seeds: 1, firstSeed: 1, hours: 1 });
    expect(digest(summaryJson(summary))).toBe(
      '4bb8cb8ccef7d10653ac6d712ebf83ad131896ba525f8f64b0a88528457cac57',
    );
  });

  it('is deterministic: the same seed twice gives identical metrics and event counts', () => {
    const a = simulate(W2, fixedRatioPolicy(1.5), { seed: 7, hours: 0.5 });
    const b = simulate(W2, fixedRatioPolicy(1.5), { seed: 7, hours: 0.5 });
    expect(b).toEqual(a);
    const c = simulate(W2, fixedRatioPolicy(1.5), { seed: 8, hours: 0.5 });
    expect(c.metrics).not.toEqual(a.metrics);
  });

  it('common random numbers: two policies dial the same people', () => {
    const seen = (policy: ReturnType<typeof progressivePolicy>) => {
      const destinies = new Map<number, Destiny>();
      simulate(W2, policy, {
        seed: 3,
        hours: 0.5,
        trace: { onDial: (lead, destiny) => destinies.set(lead, destiny) },
      });
      return destinies;
    };
    const progressive = seen(progressivePolicy());
    const ratio = seen(fixedRatioPolicy(2));
    expect(ratio.size).toBeGreaterThan(progressive.size);
    expect(progressive.size).toBeGreaterThan(100);
    for (const [lead, destiny] of progressive) expect(ratio.get(lead)).toEqual(destiny);
  });

  it('sanity on W2: progressive abandons nothing and keeps agents less busy than ratio 2.0', () => {
    const progressive = simulate(W2, progressivePolicy(), { seed: 1, hours: 1 }).metrics;
    const ratio = simulate(W2, fixedRatioPolicy(2), { seed: 1, hours: 1 }).metrics;
    expect(progressive.abandonRateFtc).toBe(0);
    expect(progressive.occupancyTalk).toBeGreaterThan(0.4);
    expect(progressive.occupancyTalk).toBeLessThan(ratio.occupancyTalk);
    expect(ratio.abandonRateFtc).toBeGreaterThan(0.05);
    expect(ratio.linesPerAgentMax).toBeLessThanOrEqual(W2.caps.maxLinesPerAgent);
  });

  it.each(['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W1-M', 'W2-M', 'W3-M'])(
    '%s loads and runs a short day under every baseline within the caps',
    (id) => {
      const workload = loadWorkload(id);
      for (const spec of ['progressive', 'ratio:3', 'vicidial', 'erlang-b']) {
        const { metrics } = simulate(workload, policyFactory(spec, workload)(), { seed: 1, hours: 0.25 });
        expect(metrics.linesPerAgentMax).toBeLessThanOrEqual(workload.caps.maxLinesPerAgent);
        expect(metrics.dials).toBeGreaterThan(0);
      }
    },
  );

  it('W5 churn and W6 days run their schedules', () => {
    const w5 = simulate(loadWorkload('W5'), progressivePolicy(), { seed: 1 }).metrics;
    expect(w5.connects).toBeGreaterThan(1000);
    const w6 = loadWorkload('W6');
    const short = { ...w6, shift: { ...w6.shift, days: 3 } };
    const { metrics } = simulate(short, progressivePolicy(), { seed: 1, hours: 0.5 });
    expect(metrics.worst24hAbandonRateOfcom).toBeGreaterThan(0);
    expect(metrics.ftcPass).toBe(1);
  });
});
