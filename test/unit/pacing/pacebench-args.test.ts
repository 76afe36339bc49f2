import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/sim/pacebench/args.js';
import { policyFactory } from '../../../src/sim/pacebench/policies.js';
import { loadWorkload } from '../../../src/sim/pacebench/workload.js';

describe('pacebench command line', () => {
  it('parses every flag with defaults', () => {
    expect(parseArgs(['--workload', 'W2', '--policy', 'progressive, ratio:2.0', '--json'])).toEqual({
      workload: 'W2',
      policies: ['progressive', 'ratio:2.0'],
      seeds: 10,
      firstSeed: 1,
      hours: undefined,
      json: true,
      out: undefined,
    });
    expect(
      parseArgs(['--workload', 'x.yaml', '--policy', 'vicidial', '--seeds', '3', '--hours', '0.5']).hours,
    ).toBe(0.5);
  });

  it.each([
    [['--policy', 'progressive'], '--workload: required'],
    [['--workload', 'W1'], '--policy: required'],
    [
      ['--workload', 'W1', '--policy', 'progressive', '--seeds', '2.5'],
      '--seeds: expected a positive integer',
    ],
    [['--workload', 'W1', '--policy', 'progressive', '--hours', '-1'], '--hours: expected a positive number'],
    [['--workload', '--policy', 'progressive'], '--workload: missing value'],
    [['--workload', 'W1', '--policy', 'progressive', '--fast'], '--fast: unknown flag'],
  ])('%j is refused naming the flag', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('refuses bad policy names naming --policy', () => {
    const w = loadWorkload('W1');
    expect(() => policyFactory('ratio:-1', w)).toThrow(
      '--policy ratio:-1: the ratio must be a positive number',
    );
    expect(() => policyFactory('vicidial:FAST', w)).toThrow('--policy vicidial:FAST');
    expect(() => policyFactory('predictive:0', w)).toThrow('--policy predictive:0');
    expect(policyFactory('predictive', w)().name).toBe('predictive');
    expect(() => policyFactory('predictive-rho:2', w)).toThrow('--policy predictive-rho:2');
    expect(policyFactory('ratio:2.0', w)().name).toBe('ratio:2');
  });
});
