import { describe, expect, it } from 'vitest';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import {
  isRuNonWorkingDay,
  ruProductionCalendar,
} from '../../../src/domain/compliance/engine/ru-production-calendar.js';
import type { ComplianceInput } from '../../../src/domain/compliance/engine/types.js';
import { conversation, message, scenario } from './scenario.js';

const MOSCOW = ['Europe/Moscow'];
function ru(overrides: Partial<ComplianceInput> & { zones?: readonly string[] }): ComplianceInput {
  return scenario({ ruleSetId: 'RU-230-FZ', zones: MOSCOW, ...overrides });
}
/** Moscow is UTC+3 all year. */
const msk = (local: string): Date => new Date(`${local}+03:00`);

describe('RU-230-FZ: conversations at most 1/day, 2/week, 8/month (art. 7 p.3(3))', () => {
  it("a conversation today blocks a second today; retry at the next local day's window", () => {
    const d = decideCompliance(
      ru({ now: msk('2026-03-10T15:00'), history: [conversation('2026-03-10T07:00:00Z')] }),
    );
    expect(d).toMatchObject({
      allowed: false,
      ruleIds: ['RU-230-CALLS-1-2-8'],
      retryAt: msk('2026-03-11T08:00'),
    });
    expect(d.counters['RU-230-CALLS-1-2-8:cal_day']).toEqual({ used: 1, limit: 1, window: 'cal_day' });
  });

  it('an unanswered call is not a conversation', () => {
    const history = [conversation('2026-03-10T07:00:00Z', { conversation: false, connected: false })];
    expect(decideCompliance(ru({ now: msk('2026-03-10T15:00'), history })).allowed).toBe(true);
  });

  it('counts per debtor across debts', () => {
    const history = [conversation('2026-03-10T07:00:00Z', { debtId: 'other' })];
    expect(decideCompliance(ru({ now: msk('2026-03-10T15:00'), history })).allowed).toBe(false);
  });

  it.each([
    // Week of Mon 16 – Sun 22 March 2026.
    [
      'Mon+Tue this week → Wed denied until next Monday',
      ['2026-03-16T10:00', '2026-03-17T10:00'],
      '2026-03-18T10:00',
      msk('2026-03-23T08:00'),
    ],
    [
      'Sat+Sun last week → Monday allowed (calendar week)',
      ['2026-03-14T10:00', '2026-03-15T10:00'],
      '2026-03-16T10:00',
      null,
    ],
    [
      '8 in March → Mon 30 denied until 1 April',
      ['02', '03', '10', '11', '16', '17', '23', '24'].map((d) => `2026-03-${d}T10:00`),
      '2026-03-30T10:00',
      msk('2026-04-01T08:00'),
    ],
  ])('%s', (_label, conversations, now, retryAt) => {
    const d = decideCompliance(
      ru({ now: msk(now), history: conversations.map((c) => conversation(msk(c).toISOString())) }),
    );
    expect(d.allowed).toBe(retryAt === null);
    if (!d.allowed) expect(d.retryAt).toEqual(retryAt);
  });

  it('messages 2/4/16 limit messages, not calls', () => {
    const history = [
      message(msk('2026-03-10T09:00').toISOString()),
      message(msk('2026-03-10T10:00').toISOString()),
    ];
    const now = msk('2026-03-10T15:00');
    expect(decideCompliance(ru({ now, history, channel: 'message' }))).toMatchObject({
      allowed: false,
      ruleIds: ['RU-230-MESSAGES-2-4-16'],
    });
    expect(decideCompliance(ru({ now, history, channel: 'call' })).allowed).toBe(true);
  });
});

describe('RU-230-HOURS: working days 08–22, weekends and holidays 09–20 (art. 7 p.3(1))', () => {
  it.each([
    ['working Tue 08:00', '2026-03-10T08:00', true, null],
    ['working Tue 21:59', '2026-03-10T21:59', true, null],
    ['working Tue 22:00', '2026-03-10T22:00', false, '2026-03-11T08:00'],
    ['Saturday 08:30', '2026-03-14T08:30', false, '2026-03-14T09:00'],
    ['Saturday 19:59', '2026-03-14T19:59', true, null],
    ['Saturday 20:00 → Sunday 09:00', '2026-03-14T20:00', false, '2026-03-15T09:00'],
    ['Russia Day Fri 12 June (statutory) 08:30', '2026-06-12T08:30', false, '2026-06-12T09:00'],
    ['National Unity Day Wed 4 Nov 20:30 → Thu 08:00', '2026-11-04T20:30', false, '2026-11-05T08:00'],
    ['moved day off Fri 9 Jan 2026 08:30', '2026-01-09T08:30', false, '2026-01-09T09:00'],
    ['Mon 9 Mar 2026 (8 March moved) 08:30', '2026-03-09T08:30', false, '2026-03-09T09:00'],
    ['ordinary Wed 11 Nov 08:30', '2026-11-11T08:30', true, null],
  ])('%s → allowed=%s', (_label, local, allowed, retryLocal) => {
    const d = decideCompliance(ru({ now: msk(local) }));
    expect(d.allowed).toBe(allowed);
    if (!d.allowed) expect(d.retryAt).toEqual(retryLocal === null ? null : msk(retryLocal));
  });

  it('extra holidays given as data use the weekend window', () => {
    const d = decideCompliance(ru({ now: msk('2026-11-11T08:30'), extraHolidays: ['2026-11-11'] }));
    expect(d).toMatchObject({ allowed: false, ruleIds: ['RU-230-HOURS'], retryAt: msk('2026-11-11T09:00') });
  });

  it.each([
    ['Kaliningrad 07:30 (UTC+2)', ['Europe/Kaliningrad'], false],
    ['Kamchatka 17:30 (UTC+12)', ['Asia/Kamchatka'], true],
    ['both: the intersection', ['Europe/Kaliningrad', 'Asia/Kamchatka'], false],
  ])('same instant 2026-03-10T05:30Z: %s → allowed=%s', (_label, zones, allowed) => {
    expect(decideCompliance(ru({ zones, now: new Date('2026-03-10T05:30:00Z') })).allowed).toBe(allowed);
  });

  it('two zones: open only while both are in the window (06:00–10:00Z on a weekday)', () => {
    const zones = ['Europe/Kaliningrad', 'Asia/Kamchatka'];
    const d = decideCompliance(ru({ zones, now: new Date('2026-03-10T05:30:00Z') }));
    expect(d).toMatchObject({ allowed: false, retryAt: new Date('2026-03-10T06:00:00Z') });
    expect(decideCompliance(ru({ zones, now: new Date('2026-03-10T09:59:00Z') })).allowed).toBe(true);
    expect(decideCompliance(ru({ zones, now: new Date('2026-03-10T10:00:00Z') })).allowed).toBe(false);
  });

  it("the calendar day is the strictest candidate zone's", () => {
    // Conversation at 08:00 Kaliningrad = 18:00 Kamchatka on 10 March; at 20:30Z it is already
    // 11 March 08:30 in Kamchatka but still 10 March (22:30) in Kaliningrad.
    const history = [conversation('2026-03-10T06:00:00Z')];
    const now = new Date('2026-03-10T20:30:00Z');
    expect(decideCompliance(ru({ zones: ['Asia/Kamchatka'], now, history })).allowed).toBe(true);
    const both = decideCompliance(ru({ zones: ['Asia/Kamchatka', 'Europe/Kaliningrad'], now, history }));
    expect(both.ruleIds).toContain('RU-230-CALLS-1-2-8');
  });
});

describe('RU-230-FZ: banned debtors, refusal, third parties', () => {
  it.each([
    ['bankruptcy', 'RU-230-BANNED-DEBTORS'],
    ['minor', 'RU-230-BANNED-DEBTORS'],
    ['inpatient', 'RU-230-BANNED-DEBTORS'],
    ['disability-1', 'RU-230-BANNED-DEBTORS'],
    ['incapacity', 'RU-230-BANNED-DEBTORS'],
    ['refused', 'RU-230-REFUSAL'],
  ] as const)('%s → %s, never', (flag, ruleId) => {
    const base = ru({ now: msk('2026-03-10T12:00') });
    expect(decideCompliance({ ...base, person: { ...base.person, flags: [flag] } })).toMatchObject({
      allowed: false,
      ruleIds: [ruleId],
      retryAt: null,
    });
  });

  it.each([
    [false, false],
    [true, true],
  ])('third party with consent=%s → allowed=%s', (hasThirdPartyConsent, allowed) => {
    const base = ru({ now: msk('2026-03-10T12:00') });
    const d = decideCompliance({
      ...base,
      person: { ...base.person, role: 'third_party', hasThirdPartyConsent },
    });
    expect(d.allowed).toBe(allowed);
  });
});

describe('ru-production-calendar', () => {
  it.each([
    ['2025-01-08', true],
    ['2025-02-24', false],
    ['2025-05-08', true],
    ['2026-01-09', true],
    ['2026-02-23', true],
    ['2026-03-10', false],
    ['2027-06-12', true],
  ])('%s non-working = %s', (date, expected) => {
    expect(isRuNonWorkingDay(date, ruProductionCalendar())).toBe(expected);
  });
});
