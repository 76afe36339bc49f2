import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { progressivePolicy } from '../../../src/domain/pacing/baselines.js';
import { erlangBFloor, progressiveFloor } from '../../../src/sim/pacebench/closed-forms.js';
import { simulate } from '../../../src/sim/pacebench/simulator.js';
import { loadWorkload, type Workload } from '../../../src/sim/pacebench/workload.js';

/** research/pacing.md §2.5's setting: h = 180 s (150 talk + 30 wrap), every attempt exp(15 s). */
function research(n: number, p: number): Workload {
  const base = loadWorkload('W1-M');
  const attempt = { exponential: { mean: 15 } };
  return {
    ...base,
    agents: [{ ...base.agents[0]!, count: n }],
    outcomes: { human: p, machine: 0, busy: 0, sit: 0, noAnswer: 1 - p },
    dial: {
      ...base.dial,
      answerTimeoutSeconds: 1e9,
      humanAnswer: attempt,
      machineAnswer: attempt,
      busy: attempt,
      sit: attempt,
      noAnswer: attempt,
    },
    talk: { rightParty: { exponential: { mean: 150 } }, wrongParty: { exponential: { mean: 150 } } },
    wrap: { constant: 30 },
  };
}

describe('floors of research/pacing.md §2.5', () => {
  it.each([
    [0.1, 0.545],
    [0.3, 0.783],
  ])('progressive closed form: p = %d → %d of handle time', (p, expected) => {
    expect(progressiveFloor(research(10, p)).utilisation).toBeCloseTo(expected, 3);
  });

  it.each([
    [10, 0.536],
    [50, 0.813],
    [200, 0.926],
  ])('open-loop Erlang-B at 3%%: n = %d → %d', (n, expected) => {
    expect(erlangBFloor(research(n, 0.3)).utilisation).toBeCloseTo(expected, 3);
  });

  it.each(['W2', 'W1-M'])(
    'the progressive closed form matches the simulated progressive policy on %s',
    (id) => {
      const w = loadWorkload(id);
      const simulated = [1, 2].map(
        (seed) => simulate(w, progressivePolicy(), { seed }).metrics.occupancyTalk,
      );
      const mean = (simulated[0]! + simulated[1]!) / 2;
      expect(Math.abs(progressiveFloor(w).occupancyTalk - mean)).toBeLessThan(0.015);
    },
  );

  it('a person answering after the timeout is a no-answer: a shorter timeout routes fewer calls', () => {
    const w = loadWorkload('W2');
    const short = { ...w, dial: { ...w.dial, answerTimeoutSeconds: 8 } };
    expect(progressiveFloor(short).routedPerAttempt).toBeLessThan(progressiveFloor(w).routedPerAttempt);
  });
});

describe('pacebench:bound command line', () => {
  it.each([
    [['--workload', 'W9'], 'pacebench:bound: workload refused'],
    [['--workload', 'W1-M', '--alpha', '2'], '--alpha: expected a number in (0, 1)'],
    [['--workload', 'W1-M', '--r-max'], '--r-max: missing value'],
    [['--workload', 'W1-M', '--nope'], '--nope: unknown flag'],
    [[], '--workload: required'],
  ])('%j exits 2 naming the problem', (argv, message) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/sim/pacebench/bound-cli.ts', ...argv], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
