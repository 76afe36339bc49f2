import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/domain/errors.js';
import { callRandom, hashString, mulberry32 } from '../../../src/sim/pbx/prng.js';
import {
  parseSimModel,
  planCall,
  SIM_OUTCOMES,
  suffixPlan,
  type SimOutcome,
} from '../../../src/sim/pbx/sim-model.js';

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 5 }, () => a());
    const seqB = Array.from({ length: 5 }, () => b());
    expect(seqA).toEqual(seqB);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives different sequences for different seeds and inputs', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(callRandom(1, '15551230000', 'att-1')()).not.toBe(callRandom(1, '15551230000', 'att-2')());
  });
});

describe('planCall', () => {
  const model = parseSimModel({});

  it('depends only on seed, number and ChannelId', () => {
    const first = planCall(model, 7, '15551234567', 'att-abc');
    // Plans made in between must not disturb it: no shared generator state.
    for (let i = 0; i < 50; i += 1) planCall(model, 7, `1555123${String(i).padStart(4, '0')}`, `att-${i}`);
    expect(planCall(model, 7, '15551234567', 'att-abc')).toEqual(first);
    const others = Array.from({ length: 20 }, (_, i) => planCall(model, 8 + i, '15551234567', 'att-abc'));
    expect(others.some((p) => p.ringMs !== first.ringMs || p.outcome !== first.outcome)).toBe(true);
  });

  it('follows the outcome weights over many calls', () => {
    const weighted = parseSimModel({
      outcomeWeights: {
        human: 2,
        machine: 0,
        busy: 1,
        'no-answer': 1,
        invalid: 0,
        congestion: 0,
        rejected: 0,
      },
    });
    const counts: Partial<Record<SimOutcome, number>> = {};
    const n = 4000;
    for (let i = 0; i < n; i += 1) {
      const { outcome } = planCall(weighted, 'mix', `1555123${String(i).padStart(4, '0')}`, `att-${i}`);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
    expect(counts.machine).toBeUndefined();
    expect((counts.human ?? 0) / n).toBeGreaterThan(0.45);
    expect((counts.human ?? 0) / n).toBeLessThan(0.55);
    expect((counts.busy ?? 0) / n).toBeGreaterThan(0.2);
    expect((counts.busy ?? 0) / n).toBeLessThan(0.3);
  });

  it('keeps every drawn time inside its range', () => {
    const narrow = parseSimModel({
      ringMs: { min: 1000, max: 2000, mode: 1200 },
      talkMs: { min: 5000, max: 6000 },
      earlyHangupRate: 0,
    });
    for (let i = 0; i < 500; i += 1) {
      const plan = planCall(narrow, 3, `1555000${String(i).padStart(4, '0')}`, `a-${i}`, 'human');
      expect(plan.ringMs).toBeGreaterThanOrEqual(1000);
      expect(plan.ringMs).toBeLessThanOrEqual(2000);
      expect(plan.hangupAfterAnswerMs).toBeGreaterThanOrEqual(5000);
      expect(plan.hangupAfterAnswerMs).toBeLessThanOrEqual(6000);
    }
  });

  it('changing one timing field does not reshuffle outcomes', () => {
    const slowRing = parseSimModel({ ringMs: { min: 9000, max: 9500 } });
    for (let i = 0; i < 200; i += 1) {
      const number = `1555777${String(i).padStart(4, '0')}`;
      expect(planCall(slowRing, 5, number, `x-${i}`).outcome).toBe(
        planCall(model, 5, number, `x-${i}`).outcome,
      );
    }
  });

  it('honours a forced outcome but keeps the seeded timings', () => {
    const plan = planCall(model, 1, '15551112222', 'att-9', 'busy');
    expect(plan.outcome).toBe('busy');
    expect(plan.source).toBe('forced');
  });

  it.each([
    ['01', 'human'],
    ['02', 'machine'],
    ['03', 'busy'],
    ['04', 'no-answer'],
    ['05', 'invalid'],
    ['06', 'congestion'],
    ['07', 'rejected'],
    ['08', 'human'],
    ['09', 'human'],
  ] as const)('number ending 55501%s is forced to %s, whatever the seed', (code, outcome) => {
    const number = `1212555 01${code}`.replace(' ', '');
    for (const seed of [1, 2, 'x'])
      expect(planCall(model, seed, number, `att-${seed}`).outcome).toBe(outcome);
    expect(suffixPlan(number)?.source).toBe('suffix');
  });

  it('does not force other numbers', () => {
    expect(suffixPlan('12125550199')).toBeUndefined();
    expect(suffixPlan('12125550203')).toBeUndefined();
  });

  it('plans AMD verdicts from the error rates', () => {
    const perfect = parseSimModel({ amdErrorRate: { humanAsMachine: 0, machineAsHuman: 0 } });
    expect(planCall(perfect, 1, '15550001111', 'a', 'machine').amdVerdict).toBe('MACHINE');
    expect(planCall(perfect, 1, '15550001111', 'a', 'human').amdVerdict).toBe('HUMAN');
    const wrong = parseSimModel({ amdErrorRate: { humanAsMachine: 1, machineAsHuman: 1 } });
    expect(planCall(wrong, 1, '15550001111', 'a', 'machine').amdVerdict).toBe('HUMAN');
  });
});

describe('parseSimModel', () => {
  it('fills every default', () => {
    const model = parseSimModel({});
    expect(Object.keys(model.outcomeWeights).sort()).toEqual([...SIM_OUTCOMES].sort());
    expect(model.safeHarborMs).toBeGreaterThan(0);
  });

  it.each([
    [{ ringMs: { min: 5000, max: 1000 } }, 'ringMs.max'],
    [{ talkMs: { min: 1, max: 10, mode: 50 } }, 'talkMs.mode'],
    [
      {
        outcomeWeights: {
          human: -1,
          machine: 0,
          busy: 0,
          'no-answer': 0,
          invalid: 0,
          congestion: 0,
          rejected: 0,
        },
      },
      'outcomeWeights.human',
    ],
    [
      {
        outcomeWeights: {
          human: 0,
          machine: 0,
          busy: 0,
          'no-answer': 0,
          invalid: 0,
          congestion: 0,
          rejected: 0,
        },
      },
      'outcomeWeights',
    ],
    [{ amdErrorRate: { humanAsMachine: 2, machineAsHuman: 0 } }, 'amdErrorRate.humanAsMachine'],
    [{ earlyHangupRate: 'often' }, 'earlyHangupRate'],
    [{ ringMS: { min: 1, max: 2 } }, 'ringMS'],
  ])('refuses %j naming %s', (input, field) => {
    let error: unknown;
    try {
      parseSimModel(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain(field);
  });
});
