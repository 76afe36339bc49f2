import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  parseWorkload,
  parseWorkloadText,
  WORKLOADS_DIR,
  WorkloadError,
} from '../../../src/sim/pacebench/workload.js';

const FILE = 'bad.yaml';

function baseW2(): Record<string, unknown> {
  return parseYaml(readFileSync(path.join(WORKLOADS_DIR, 'W2.yaml'), 'utf8')) as Record<string, unknown>;
}

function refusal(data: unknown): string {
  try {
    parseWorkload(data, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkloadError);
    return (error as Error).message;
  }
  throw new Error('expected the workload to be refused');
}

describe('workload validation names the file and the field', () => {
  it('accepts the shipped W2', () => {
    expect(parseWorkload(baseW2(), FILE).id).toBe('W2');
  });

  it('refuses outcome probabilities that do not sum to 1', () => {
    const w = baseW2();
    w.outcomes = { human: 0.25, machine: 0.3, busy: 0.05, sit: 0.1, noAnswer: 0.35 };
    expect(refusal(w)).toBe('bad.yaml: outcomes: probabilities sum to 1.05, must be 1');
  });

  it('refuses a missing field', () => {
    const w = baseW2();
    delete (w.dial as Record<string, unknown>).answerTimeoutSeconds;
    expect(refusal(w)).toContain('bad.yaml: dial.answerTimeoutSeconds: is required');
  });

  it('refuses a negative mean inside a distribution', () => {
    const w = baseW2();
    (w.talk as Record<string, unknown>).rightParty = { lognormal: { mean: -240, cv: 0.9 } };
    expect(refusal(w)).toMatch(/^bad\.yaml: talk\.rightParty\.lognormal\.mean: .*>0/);
  });

  it('refuses an unknown distribution kind and a negative probability, both at once', () => {
    const w = baseW2();
    w.wrap = { gamma: { shape: 2 } };
    (w.amd as Record<string, unknown>).falsePositive = -0.1;
    const message = refusal(w);
    expect(message).toContain('wrap: must have exactly one of the keys');
    expect(message).toContain('amd.falsePositive:');
  });

  it('refuses a logout before the login and an unknown field', () => {
    const w = baseW2();
    w.agents = [{ count: 5, loginHours: 4, logoutHours: 2 }];
    w.colour = 'blue';
    const message = refusal(w);
    expect(message).toContain('agents.0.logoutHours: must be after loginHours');
    expect(message).toContain('unknown field(s) colour');
  });

  it('refuses broken YAML with the file name', () => {
    expect(() => parseWorkloadText('id: [', 'x.yaml')).toThrow(/^x\.yaml: not valid YAML/);
  });
});
