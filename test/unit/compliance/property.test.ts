/**
 * Property test over seeded random scenarios: an allowed decision is never outside any candidate
 * zone's window and never pushes a counter past its limit; a denial's retryAt is itself allowed.
 */
import { describe, expect, it } from 'vitest';
import {
  checkCallingWindows,
  NO_HOLIDAYS,
  type HolidayCalendar,
} from '../../../src/domain/compliance/calling-window.js';
import { caOntarioCalendar } from '../../../src/domain/compliance/engine/ca-on-holidays.js';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import { resolveRuleSet, RULE_SETS } from '../../../src/domain/compliance/engine/rule-sets.js';
import { ruProductionCalendar } from '../../../src/domain/compliance/engine/ru-production-calendar.js';
import type {
  ComplianceInput,
  HistoryEntry,
  HolidayCalendarName,
} from '../../../src/domain/compliance/engine/types.js';
import { DEBT_ID, E164, PERSON_ID, scenario } from './scenario.js';

const SEED = 20261123;
const CASES = 400;
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Asia/Kamchatka',
  'America/Toronto',
  'Europe/London',
];
const CALENDARS: Record<HolidayCalendarName, HolidayCalendar> = {
  none: NO_HOLIDAYS,
  'ru-production': ruProductionCalendar(),
  'ca-on-statutory': caOntarioCalendar(),
};

/** mulberry32: small, seeded, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomScenario(next: () => number): ComplianceInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const ruleSetId = pick([...RULE_SETS.keys()]);
  const now = new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 700 * 86_400_000));
  const zones = [...new Set([pick(ZONES), ...(next() < 0.3 ? [pick(ZONES)] : [])])];
  const history: HistoryEntry[] = Array.from({ length: Math.floor(next() * 14) }, () => {
    const conversation = next() < 0.3;
    return {
      at: new Date(now.getTime() - Math.floor(next() * 35 * 86_400_000)),
      kind: next() < 0.2 ? 'message' : 'call',
      debtId: next() < 0.8 ? DEBT_ID : 'd2',
      personId: PERSON_ID,
      connected: conversation || next() < 0.5,
      conversation,
      abandoned: next() < 0.1,
      e164: E164,
    };
  });
  return scenario({ ruleSetId, now, zones, history, channel: next() < 0.2 ? 'message' : 'call' });
}

function assertAllowedIsSafe(input: ComplianceInput, label: string): void {
  const d = decideCompliance(input);
  if (!d.allowed) return;
  const zones = input.phone.zones.map((z) => z.zone);
  for (const rule of resolveRuleSet(input.ruleSetId).rules) {
    if (rule.kind === 'calling-window')
      expect(
        checkCallingWindows(input.now, zones, rule.windows, CALENDARS[rule.calendar]).isAllowed,
        label,
      ).toBe(true);
    if (rule.kind === 'counter' && (rule.appliesTo === 'any' || rule.appliesTo === (input.channel ?? 'call')))
      for (const [key, c] of Object.entries(d.counters))
        if (key.startsWith(rule.id)) expect(c.used, `${label} ${key}`).toBeLessThan(c.limit);
  }
}

describe('property: allowed decisions are safe, retryAt is allowed', () => {
  it(`${CASES} seeded random scenarios (seed ${SEED})`, () => {
    const next = rng(SEED);
    let allowed = 0;
    let retried = 0;
    for (let i = 0; i < CASES; i++) {
      const input = randomScenario(next);
      const label = `case ${i} ${input.ruleSetId} ${input.now.toISOString()}`;
      assertAllowedIsSafe(input, label);
      const d = decideCompliance(input);
      if (d.allowed) allowed++;
      else if (d.retryAt !== null) {
        retried++;
        expect(d.retryAt.getTime(), label).toBeGreaterThan(input.now.getTime());
        const again = { ...input, now: d.retryAt };
        expect(decideCompliance(again).allowed, `${label} retry ${d.retryAt.toISOString()}`).toBe(true);
        assertAllowedIsSafe(again, `${label} at retryAt`);
      }
    }
    // The generator must exercise both outcomes.
    expect(allowed).toBeGreaterThan(20);
    expect(retried).toBeGreaterThan(20);
  });
});
