import { describe, expect, it } from 'vitest';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import { call, conversation, scenario } from './scenario.js';

/** Seven connected calls, one a day at 10:00 New York (EST, UTC-5) on Mar 3–9 2026 (DST starts Mar 8). */
const SEVEN_CALLS = [
  '2026-03-03T15:00:00Z',
  '2026-03-04T15:00:00Z',
  '2026-03-05T15:00:00Z',
  '2026-03-06T15:00:00Z',
  '2026-03-07T15:00:00Z',
  '2026-03-08T14:00:00Z',
  '2026-03-09T14:00:00Z',
].map((at) => call(at));

describe('US-REG-F: 7 placed calls in 7 days (12 CFR 1006.14(b)(2)(i)(A))', () => {
  it('denies the 8th call and retries when the oldest rolls off', () => {
    const d = decideCompliance(scenario({ now: new Date('2026-03-09T20:00:00Z'), history: SEVEN_CALLS }));
    expect(d.allowed).toBe(false);
    expect(d.ruleIds).toEqual(['US-REGF-7IN7-CALLS']);
    expect(d.counters['US-REGF-7IN7-CALLS']).toEqual({ used: 7, limit: 7, window: 'rolling7d' });
    if (!d.allowed) expect(d.retryAt).toEqual(new Date('2026-03-10T15:00:00Z'));
  });

  it.each([
    ['six calls', SEVEN_CALLS.slice(1), true],
    [
      'seventh not connected (busy: 1006.14(b)(3)(ii))',
      [...SEVEN_CALLS.slice(1), call('2026-03-09T15:00:00Z', { connected: false })],
      true,
    ],
    [
      'seventh placed with consent inside its window (1006.14(b)(3)(i))',
      [
        ...SEVEN_CALLS.slice(1),
        call('2026-03-09T15:00:00Z', { consentedUntil: new Date('2026-03-12T00:00:00Z') }),
      ],
      true,
    ],
    [
      'seventh placed after the consent lapsed',
      [
        ...SEVEN_CALLS.slice(1),
        call('2026-03-09T15:00:00Z', { consentedUntil: new Date('2026-03-08T00:00:00Z') }),
      ],
      false,
    ],
    ['seven calls about another debt', SEVEN_CALLS.map((c) => ({ ...c, debtId: 'd2' })), true],
    ['seven calls to another person', SEVEN_CALLS.map((c) => ({ ...c, personId: 'p2' })), true],
  ])('%s → allowed=%s', (_label, history, allowed) => {
    expect(decideCompliance(scenario({ now: new Date('2026-03-09T20:00:00Z'), history })).allowed).toBe(
      allowed,
    );
  });

  it("counts calls to all the person's phones together", () => {
    const history = SEVEN_CALLS.map((c, i) => ({ ...c, e164: `+1212555010${i}` }));
    expect(decideCompliance(scenario({ now: new Date('2026-03-09T20:00:00Z'), history })).allowed).toBe(
      false,
    );
  });
});

describe('US-REG-F: no call within 7 days after a conversation (1006.14(b)(2)(i)(B))', () => {
  // Conversation on Tue Mar 3 2026 at 11:00 EST: day 1 = Mar 3, day 7 = Mar 9, day 8 = Mar 10.
  const history = [conversation('2026-03-03T16:00:00Z')];
  it.each([
    ['day 1, later', '2026-03-03T20:00:00Z', false],
    ['day 7, 20:59 EDT', '2026-03-10T00:59:00Z', false],
    ['day 8, 09:00 EDT', '2026-03-10T13:00:00Z', true],
  ])('%s → allowed=%s', (_label, now, allowed) => {
    expect(decideCompliance(scenario({ now: new Date(now), history })).allowed).toBe(allowed);
  });

  it('retries at day 8 08:00 local (midnight lifts the block, the window opens at 8)', () => {
    const d = decideCompliance(scenario({ now: new Date('2026-03-05T15:00:00Z'), history }));
    expect(d.allowed).toBe(false);
    expect(d.ruleIds).toEqual(['US-REGF-7AFTER-CONV']);
    if (!d.allowed) expect(d.retryAt).toEqual(new Date('2026-03-10T12:00:00Z'));
  });

  it('a conversation about debt A blocks only debt A', () => {
    const now = new Date('2026-03-05T15:00:00Z');
    expect(decideCompliance(scenario({ now, history, debtId: 'd1' })).allowed).toBe(false);
    expect(decideCompliance(scenario({ now, history, debtId: 'd2' })).allowed).toBe(true);
  });
});

describe('US-REG-F: calling window 08:00–21:00 local (1006.6(b)(1)(i))', () => {
  it.each([
    // DST starts in New York on Sun 2026-03-08 at 02:00 → 03:00; 08:00 EDT = 12:00Z.
    ['DST day 07:59 EDT', '2026-03-08T11:59:00Z', false, '2026-03-08T12:00:00.000Z'],
    ['DST day 08:00 EDT', '2026-03-08T12:00:00Z', true, null],
    ['day before DST 08:00 EST', '2026-03-07T13:00:00Z', true, null],
    ['21:00 EST is closed', '2026-03-07T02:00:00Z', false, '2026-03-07T13:00:00.000Z'],
  ])('%s → allowed=%s', (_label, now, allowed, retryAt) => {
    const d = decideCompliance(scenario({ now: new Date(now) }));
    expect(d.allowed).toBe(allowed);
    if (!d.allowed) expect(d.retryAt?.toISOString()).toBe(retryAt);
  });

  it('intersects New York and Los Angeles: 11:00–21:00 Eastern (US-REGF-TZ-AMBIGUITY)', () => {
    const zones = ['America/New_York', 'America/Los_Angeles'];
    const at10Et = decideCompliance(scenario({ zones, now: new Date('2026-06-10T14:00:00Z') }));
    expect(at10Et.allowed).toBe(false);
    expect(at10Et.localTimes.map((l) => l.isInside)).toEqual([true, false]);
    if (!at10Et.allowed) expect(at10Et.retryAt).toEqual(new Date('2026-06-10T15:00:00Z'));
    expect(decideCompliance(scenario({ zones, now: new Date('2026-06-10T15:00:00Z') })).allowed).toBe(true);
  });
});

describe('US-REG-F: flags, preferences and doubt', () => {
  it.each([
    ['attorney', 'US-REGF-ATTORNEY'],
    ['cease', 'US-REGF-CEASE'],
    ['do-not-call', 'DNC-INTERNAL'],
    ['wrong-number', 'PHONE-STATUS'],
    ['deceased', 'PERSON-DECEASED'],
  ] as const)('flag %s → denied forever by %s', (flag, ruleId) => {
    const base = scenario();
    const d = decideCompliance({ ...base, person: { ...base.person, flags: [flag] } });
    expect(d).toMatchObject({ allowed: false, ruleIds: [ruleId], retryAt: null });
  });

  it('collects every denial, not just the first', () => {
    const base = scenario({
      now: new Date('2026-03-10T03:00:00Z'),
      history: [conversation('2026-03-09T15:00:00Z')],
    });
    const d = decideCompliance({ ...base, person: { ...base.person, flags: ['attorney'] } });
    expect(d.ruleIds).toEqual(['US-REGF-TIME', 'US-REGF-7AFTER-CONV', 'US-REGF-ATTORNEY']);
  });

  it('a number on the DNC list is denied', () => {
    const d = decideCompliance(scenario({ dnc: [{ e164: '+12125550100' }] }));
    expect(d).toMatchObject({ allowed: false, ruleIds: ['DNC-INTERNAL'], retryAt: null });
  });

  it('quiet hours narrow the window in every set; retry at their opening', () => {
    const base = scenario({ now: new Date('2026-03-10T13:00:00Z') }); // 09:00 EDT
    const d = decideCompliance({
      ...base,
      person: { ...base.person, quietBeforeLocal: '10:00', quietAfterLocal: '18:00' },
    });
    expect(d).toMatchObject({
      allowed: false,
      ruleIds: ['PERSON-QUIET-HOURS'],
      retryAt: new Date('2026-03-10T14:00:00Z'),
    });
  });

  it.each([
    ['no zone', scenario({ zones: [] }), 'no-time-zone-known'],
    ['invalid zone', scenario({ zones: ['Mars/Olympus'] }), 'invalid-time-zone'],
    ['bad now', scenario({ now: new Date('nope') }), 'invalid-timestamp'],
    ['bad history timestamp', scenario({ history: [call('garbage')] }), 'invalid-timestamp'],
  ])('%s → denied with a reason', (_label, input, code) => {
    const d = decideCompliance(input);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.reasons.map((r) => r.code)).toEqual([code]);
  });

  it('an unknown rule set throws a typed error naming it', () => {
    expect(() => decideCompliance(scenario({ ruleSetId: 'US-NOPE' }))).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_RULE_SET', ruleSetId: 'US-NOPE' }),
    );
  });
});

describe('US-REG-F+MA: 2 communications per 7 days per debt (940 CMR 7.04(1)(f))', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  it.each([
    ['one connected call', [call('2026-03-05T15:00:00Z')], true],
    [
      'two connected calls',
      [call('2026-03-05T15:00:00Z'), call('2026-03-06T15:00:00Z', { conversation: false })],
      false,
    ],
    [
      'two unanswered calls',
      [
        call('2026-03-05T15:00:00Z', { connected: false }),
        call('2026-03-06T15:00:00Z', { connected: false }),
      ],
      true,
    ],
    [
      'two calls about another debt',
      [call('2026-03-05T15:00:00Z', { debtId: 'd2' }), call('2026-03-06T15:00:00Z', { debtId: 'd2' })],
      true,
    ],
    ['two calls 8 days ago', [call('2026-03-02T14:00:00Z'), call('2026-03-02T15:00:00Z')], true],
  ])('%s → allowed=%s', (_label, history, allowed) => {
    const d = decideCompliance(
      scenario({ ruleSetId: 'US-REG-F+MA', now, history, zones: ['America/New_York'] }),
    );
    expect(d.allowed).toBe(allowed);
    expect(d.counters['US-MA-CREDITOR-2IN7']?.limit).toBe(2);
    expect(d.counters['US-REGF-7IN7-CALLS']?.limit).toBe(7);
  });

  it('retries when the older of the two rolls off', () => {
    const history = [call('2026-03-05T15:00:00Z'), call('2026-03-06T15:00:00Z')];
    const d = decideCompliance(scenario({ ruleSetId: 'US-REG-F+MA', now, history }));
    expect(d).toMatchObject({
      allowed: false,
      ruleIds: ['US-MA-CREDITOR-2IN7'],
      retryAt: new Date('2026-03-12T15:00:00Z'),
    });
  });
});
