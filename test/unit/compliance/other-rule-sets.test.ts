import { describe, expect, it } from 'vitest';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import {
  resolveRuleSet,
  RULE_SETS,
  UnknownRuleSetError,
} from '../../../src/domain/compliance/engine/rule-sets.js';
import { call, conversation, scenario } from './scenario.js';

describe('UK-OFCOM-NO-REPEAT-72H', () => {
  const abandonedAt = '2026-03-10T10:00:00Z';
  const history = [call(abandonedAt, { abandoned: true, e164: '+447700900123' })];
  const uk = (now: string, e164 = '+447700900123') => {
    const base = scenario({ ruleSetId: 'UK-OFCOM', zones: ['Europe/London'], now: new Date(now), history });
    return decideCompliance({ ...base, phone: { ...base.phone, e164 } });
  };
  it('denies a redial within 72 h, retry at +72 h', () => {
    expect(uk('2026-03-13T09:59:00Z')).toMatchObject({
      allowed: false,
      ruleIds: ['UK-OFCOM-NO-REPEAT-72H'],
      retryAt: new Date('2026-03-13T10:00:00Z'),
    });
  });
  it('allows at +72 h and another number at once', () => {
    expect(uk('2026-03-13T10:00:00Z').allowed).toBe(true);
    expect(uk('2026-03-10T11:00:00Z', '+447700900999').allowed).toBe(true);
  });
});

describe('CA-ON-COLLECT (R.R.O. 1990 Reg. 74 s. 22)', () => {
  // Toronto: EDT (UTC-4) from 8 March 2026.
  const on = (now: string, history = [] as ReturnType<typeof call>[]) =>
    decideCompliance(
      scenario({ ruleSetId: 'CA-ON-COLLECT', zones: ['America/Toronto'], now: new Date(now), history }),
    );
  it.each([
    ['Sun 12:59', '2026-03-15T16:59:00Z', false, '2026-03-15T17:00:00.000Z'],
    ['Sun 13:00', '2026-03-15T17:00:00Z', true, null],
    ['Sun 16:59', '2026-03-15T20:59:00Z', true, null],
    ['Sun 17:00 → Mon 07:00', '2026-03-15T21:00:00Z', false, '2026-03-16T11:00:00.000Z'],
    ['Mon 06:59', '2026-03-16T10:59:00Z', false, '2026-03-16T11:00:00.000Z'],
    ['Mon 21:00', '2026-03-17T01:00:00Z', false, '2026-03-17T11:00:00.000Z'],
    ['Sat 07:00', '2026-03-14T11:00:00Z', true, null],
    ['Good Friday 2026-04-03 12:00 → Sat 07:00', '2026-04-03T16:00:00Z', false, '2026-04-04T11:00:00.000Z'],
  ])('%s → allowed=%s', (_label, now, allowed, retryAt) => {
    const d = on(now);
    expect(d.allowed).toBe(allowed);
    if (!d.allowed) expect(d.retryAt?.toISOString()).toBe(retryAt);
  });

  it('3 contacts per 7 days count only after the first conversation', () => {
    const now = '2026-03-12T16:00:00Z';
    const noConversation = [
      call('2026-03-09T16:00:00Z'),
      call('2026-03-10T16:00:00Z'),
      call('2026-03-11T16:00:00Z'),
    ];
    expect(on(now, noConversation).allowed).toBe(true);
    const afterConversation = [
      conversation('2026-03-09T16:00:00Z'),
      call('2026-03-10T16:00:00Z'),
      call('2026-03-11T16:00:00Z'),
    ];
    expect(on(now, afterConversation)).toMatchObject({
      allowed: false,
      ruleIds: ['CA-ON-COLLECT-3IN7'],
      retryAt: new Date('2026-03-16T16:00:00Z'),
    });
  });
});

describe('CA-CRTC-HOURS', () => {
  const crtc = (now: string) =>
    decideCompliance(scenario({ ruleSetId: 'CA-CRTC', zones: ['America/Toronto'], now: new Date(now) }));
  it.each([
    ['Sat 09:59', '2026-03-14T13:59:00Z', false],
    ['Sat 10:00', '2026-03-14T14:00:00Z', true],
    ['Sat 18:00', '2026-03-14T22:00:00Z', false],
    ['Tue 09:00', '2026-03-10T13:00:00Z', true],
    ['Tue 21:29', '2026-03-11T01:29:00Z', true],
    ['Tue 21:30', '2026-03-11T01:30:00Z', false],
  ])('%s → allowed=%s', (_label, now, allowed) => {
    expect(crtc(now).allowed).toBe(allowed);
  });
});

describe('rule sets as data', () => {
  it('every set resolves, starts with the person preferences and names a source for each rule', () => {
    for (const id of RULE_SETS.keys()) {
      const set = resolveRuleSet(id);
      expect(set.rules[0]?.id).toBe('DNC-INTERNAL');
      for (const rule of set.rules) expect(rule.source).not.toBe('');
    }
  });
  it('the Massachusetts overlay extends the federal set', () => {
    const ids = resolveRuleSet('US-REG-F+MA').rules.map((r) => r.id);
    expect(ids).toContain('US-REGF-7IN7-CALLS');
    expect(ids.at(-1)).toBe('US-MA-CREDITOR-2IN7');
    expect(resolveRuleSet('US-REG-F+MA').version).toMatch(/^US-REG-F@.+\+US-REG-F\+MA@/);
  });
  it('an unknown id throws UnknownRuleSetError', () => {
    expect(() => resolveRuleSet('FR-XX')).toThrow(UnknownRuleSetError);
    expect(() => resolveRuleSet('FR-XX')).toThrow(/FR-XX/);
  });
});

describe('US-REG-F+STATES: the state calling-hour table by the person’s state', () => {
  const at = (now: string, regions: string[], zones = ['America/New_York']) =>
    decideCompliance({
      ...scenario({ ruleSetId: 'US-REG-F+STATES', zones, now: new Date(now) }),
      person: { ...scenario().person, regions },
    });
  it('Massachusetts: 20:30 is inside Reg F’s 8–21 but outside the state’s 8–20; retry at 08:00', () => {
    expect(at('2026-03-11T00:30:00Z', []).allowed).toBe(true);
    expect(at('2026-03-11T00:30:00Z', ['US-MA'])).toMatchObject({
      allowed: false,
      ruleIds: ['US-STATE-TM-HOURS'],
      retryAt: new Date('2026-03-11T12:00:00Z'),
    });
  });
  it('Texas: Sundays from noon; Rhode Island: no Sundays at all (Monday 09:00)', () => {
    const sunday11 = '2026-03-15T16:00:00Z'; // 11:00 in Chicago
    expect(at(sunday11, ['US-TX'], ['America/Chicago'])).toMatchObject({
      allowed: false,
      retryAt: new Date('2026-03-15T17:00:00Z'),
    });
    expect(at(sunday11, ['US-RI'])).toMatchObject({
      allowed: false,
      retryAt: new Date('2026-03-16T13:00:00Z'),
    });
  });
  it('a state without a stricter row, or no known state, keeps Reg F’s hours', () => {
    expect(at('2026-03-11T00:30:00Z', ['US-NY']).allowed).toBe(true);
    expect(resolveRuleSet('US-REG-F+STATES').version).toBe(
      'US-REG-F@2026-11-23.1+US-REG-F+STATES@2026-11-23.1',
    );
  });
});
