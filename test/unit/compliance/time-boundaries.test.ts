/**
 * Calling hours and counter periods at their edges, table-driven: DST switch days in the US and in
 * Europe, a zone without DST, Kaliningrad (UTC+2), Samara (UTC+4) and Kamchatka (UTC+12), Russian
 * public and moved holidays, and 230-FZ's calendar week and month. Each row gives the instant, the
 * expected answer and, for a denial, the exact retryAt.
 */
import { describe, expect, it } from 'vitest';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import { conversation, scenario } from './scenario.js';

interface Row {
  name: string;
  ruleSetId: string;
  zone: string;
  now: string;
  allowed: boolean;
  retryAt?: string;
  history?: ReturnType<typeof conversation>[];
}

const ROWS: Row[] = [
  // US, America/New_York: clocks go forward at 07:00Z on Sunday 8 March 2026, back at 06:00Z on 1 November.
  {
    name: 'NY spring-forward day, 07:59 EDT: the window opens at 08:00 EDT (12:00Z)',
    ruleSetId: 'US-REG-F',
    zone: 'America/New_York',
    now: '2026-03-08T11:59:00Z',
    allowed: false,
    retryAt: '2026-03-08T12:00:00Z',
  },
  {
    name: 'NY the evening before the switch (22:00 EST): next opening is 08:00 EDT, not 08:00 EST',
    ruleSetId: 'US-REG-F',
    zone: 'America/New_York',
    now: '2026-03-08T03:00:00Z',
    allowed: false,
    retryAt: '2026-03-08T12:00:00Z',
  },
  {
    name: 'NY fall-back eve, 21:59 EDT: next opening is 08:00 EST (13:00Z)',
    ruleSetId: 'US-REG-F',
    zone: 'America/New_York',
    now: '2026-11-01T01:59:00Z',
    allowed: false,
    retryAt: '2026-11-01T13:00:00Z',
  },
  {
    name: 'NY fall-back day, 20:59 EST is inside',
    ruleSetId: 'US-REG-F',
    zone: 'America/New_York',
    now: '2026-11-02T01:59:00Z',
    allowed: true,
  },
  {
    name: 'NY fall-back day, 21:00 EST is outside',
    ruleSetId: 'US-REG-F',
    zone: 'America/New_York',
    now: '2026-11-02T02:00:00Z',
    allowed: false,
    retryAt: '2026-11-02T13:00:00Z',
  },
  {
    name: 'Phoenix keeps MST on the US switch day: 07:59 MST, opens 15:00Z',
    ruleSetId: 'US-REG-F',
    zone: 'America/Phoenix',
    now: '2026-03-08T14:59:00Z',
    allowed: false,
    retryAt: '2026-03-08T15:00:00Z',
  },
  // UK, Europe/London: BST starts at 01:00Z on Sunday 29 March 2026.
  {
    name: 'London, Saturday 20:59 GMT before the switch is inside',
    ruleSetId: 'UK-OFCOM',
    zone: 'Europe/London',
    now: '2026-03-28T20:59:00Z',
    allowed: true,
  },
  {
    name: 'London, Saturday 21:00 GMT: next opening is 08:00 BST on Sunday (07:00Z)',
    ruleSetId: 'UK-OFCOM',
    zone: 'Europe/London',
    now: '2026-03-28T21:00:00Z',
    allowed: false,
    retryAt: '2026-03-29T07:00:00Z',
  },
  // Russia, 230-FZ art. 7 p.3(1): working days 08–22, weekends and holidays 09–20, local time.
  {
    name: 'Kaliningrad (UTC+2), Tuesday 07:59: opens 08:00 local (06:00Z)',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Kaliningrad',
    now: '2026-03-10T05:59:00Z',
    allowed: false,
    retryAt: '2026-03-10T06:00:00Z',
  },
  {
    name: 'Kaliningrad, Tuesday 21:59 is inside',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Kaliningrad',
    now: '2026-03-10T19:59:00Z',
    allowed: true,
  },
  {
    name: 'Kaliningrad, Tuesday 22:00: next is Wednesday 08:00',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Kaliningrad',
    now: '2026-03-10T20:00:00Z',
    allowed: false,
    retryAt: '2026-03-11T06:00:00Z',
  },
  {
    name: 'Samara (UTC+4), Saturday 08:59: the weekend window opens at 09:00',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Samara',
    now: '2026-03-14T04:59:00Z',
    allowed: false,
    retryAt: '2026-03-14T05:00:00Z',
  },
  {
    name: 'Samara, Saturday 20:00: closed until Sunday 09:00',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Samara',
    now: '2026-03-14T16:00:00Z',
    allowed: false,
    retryAt: '2026-03-15T05:00:00Z',
  },
  {
    name: 'Kamchatka (UTC+12), Friday 21:59 is inside',
    ruleSetId: 'RU-230-FZ',
    zone: 'Asia/Kamchatka',
    now: '2026-03-06T09:59:00Z',
    allowed: true,
  },
  {
    name: 'Kamchatka, Friday 22:00: Saturday opens at 09:00 local (21:00Z on Friday)',
    ruleSetId: 'RU-230-FZ',
    zone: 'Asia/Kamchatka',
    now: '2026-03-06T10:00:00Z',
    allowed: false,
    retryAt: '2026-03-06T21:00:00Z',
  },
  {
    name: 'Moscow, Friday 2 January 2026 (New Year holidays), 08:30: the holiday window opens at 09:00',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Moscow',
    now: '2026-01-02T05:30:00Z',
    allowed: false,
    retryAt: '2026-01-02T06:00:00Z',
  },
  {
    name: 'Moscow, Monday 9 March 2026 (8 March moved to Monday), 08:30: holiday hours',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Moscow',
    now: '2026-03-09T05:30:00Z',
    allowed: false,
    retryAt: '2026-03-09T06:00:00Z',
  },
  {
    name: 'Moscow, Tuesday 10 March 2026, 08:30: an ordinary working day',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Moscow',
    now: '2026-03-10T05:30:00Z',
    allowed: true,
  },
  // 230-FZ art. 7 p.3(3): at most 2 conversations per calendar week (Monday first) and 8 per month.
  {
    name: 'two conversations Monday and Tuesday: none until Monday of the next week, 08:00',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Moscow',
    now: '2026-03-12T09:00:00Z',
    history: [conversation('2026-03-09T07:00:00Z'), conversation('2026-03-10T07:00:00Z')],
    allowed: false,
    retryAt: '2026-03-16T05:00:00Z',
  },
  {
    name: 'eight conversations in March: none until 1 April 08:00',
    ruleSetId: 'RU-230-FZ',
    zone: 'Europe/Moscow',
    now: '2026-03-30T09:00:00Z',
    history: ['02', '03', '09', '10', '16', '17', '23', '24'].map((d) =>
      conversation(`2026-03-${d}T07:00:00Z`),
    ),
    allowed: false,
    retryAt: '2026-04-01T05:00:00Z',
  },
];

describe('calling hours and counter periods at their edges', () => {
  it.each(ROWS)('$name', (row) => {
    const d = decideCompliance(
      scenario({
        ruleSetId: row.ruleSetId,
        zones: [row.zone],
        now: new Date(row.now),
        history: row.history ?? [],
      }),
    );
    expect(d.allowed, JSON.stringify(d)).toBe(row.allowed);
    if (!d.allowed) expect(d.retryAt?.toISOString()).toBe(new Date(row.retryAt!).toISOString());
  });
});
