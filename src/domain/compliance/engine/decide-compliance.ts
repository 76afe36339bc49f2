/**
 * decideCompliance: runs every rule of the selected set, collects all denials, and finds retryAt —
 * the earliest instant at which every denial is lifted at once — by jumping from one rule's lift
 * instant to the next until all rules allow (a fixed point). When in doubt (no zone, an invalid
 * zone, a bad timestamp) it denies and says why.
 */
import type { CallingWindow } from '../../campaign/campaign-definition.js';
import {
  checkCallingWindows,
  NO_HOLIDAYS,
  type HolidayCalendar,
  type LocalTimeSeen,
} from '../calling-window.js';
import { isIanaZone } from '../../timezones/zone-clock.js';
import { caOntarioCalendar } from './ca-on-holidays.js';
import { resolveRuleSet } from './rule-sets.js';
import { countersOf, evaluateRule, windowCheck, type RuleContext } from './rules.js';
import { ruProductionCalendar } from './ru-production-calendar.js';
import type {
  ComplianceDecision,
  ComplianceInput,
  Counter,
  DenialReason,
  HolidayCalendarName,
  RuleSpec,
} from './types.js';

/** The retryAt search gives up after this many jumps and returns its last candidate (a lower bound). */
const MAX_RETRY_STEPS = 64;
/** Used only to report local times when a set has no calling window (UK-OFCOM). */
const ALL_DAY: CallingWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], from: '00:00', to: '24:00' },
];

function isValidDate(d: unknown): d is Date {
  return d instanceof Date && Number.isFinite(d.getTime());
}

const STANDARD_CALENDARS: Record<HolidayCalendarName, HolidayCalendar> = {
  none: NO_HOLIDAYS,
  'ru-production': ruProductionCalendar(),
  'ca-on-statutory': caOntarioCalendar(),
};

function calendarsFor(input: ComplianceInput): Record<HolidayCalendarName, HolidayCalendar> {
  const extra = input.extraHolidays ?? [];
  if (extra.length === 0) return STANDARD_CALENDARS;
  return {
    none: (_zone, isoDate) => extra.includes(isoDate),
    'ru-production': ruProductionCalendar({ extraNonWorkingDays: extra }),
    'ca-on-statutory': caOntarioCalendar(extra),
  };
}

function localTimesFor(rules: readonly RuleSpec[], ctx: RuleContext, at: Date): LocalTimeSeen[] {
  const window = rules.find((r) => r.kind === 'calling-window');
  return window?.kind === 'calling-window'
    ? windowCheck(ctx, at, window.windows, ctx.calendars[window.calendar]).seen
    : checkCallingWindows(at, ctx.zones, ALL_DAY).seen;
}

/** A denial found before any rule ran (bad input): never lifts by itself. */
function deniedEarly(zones: string[], ruleId: string, code: string, text: string): ComplianceDecision {
  return {
    allowed: false,
    ruleIds: [ruleId],
    reasons: [{ ruleId, code, text }],
    zones,
    localTimes: [],
    counters: {},
    retryAt: null,
  };
}

/** Throws UnknownRuleSetError for an unknown set id: never a silent allow. */
export function decideCompliance(input: ComplianceInput): ComplianceDecision {
  const set = resolveRuleSet(input.ruleSetId);
  const zones = [...new Set(input.phone.zones.map((z) => z.zone))];
  const ctx: RuleContext = {
    input,
    zones,
    calendars: calendarsFor(input),
    isSearching: false,
    memo: new Map(),
  };
  const hasBadTime =
    !isValidDate(input.now) ||
    input.history.some(
      (e) => !isValidDate(e.at) || (e.consentedUntil !== undefined && !isValidDate(e.consentedUntil)),
    );
  if (hasBadTime)
    return deniedEarly(
      zones,
      'INPUT-TIMESTAMPS',
      'invalid-timestamp',
      'a timestamp in the scenario is not a valid instant',
    );
  if (zones.length === 0)
    return deniedEarly(
      zones,
      'TIME-ZONE-KNOWN',
      'no-time-zone-known',
      `no candidate time zone is known for ${input.phone.e164}`,
    );
  const invalid = zones.filter((z) => !isIanaZone(z));
  if (invalid.length > 0)
    return deniedEarly(
      zones,
      'TIME-ZONE-KNOWN',
      'invalid-time-zone',
      `not IANA time zones: ${invalid.join(', ')}`,
    );

  const counters: Record<string, Counter> = {};
  for (const rule of set.rules) {
    if (rule.kind !== 'counter') continue;
    for (const [key, c] of Object.entries(countersOf(rule, ctx, input.now)))
      counters[key] = { used: c.used, limit: c.limit, window: c.window };
  }
  const localTimes = localTimesFor(set.rules, ctx, input.now);

  const reasons: DenialReason[] = [];
  const liftAts: (Date | null)[] = [];
  for (const rule of set.rules) {
    const denial = evaluateRule(rule, ctx, input.now);
    if (denial === null) continue;
    reasons.push({ ruleId: rule.id, code: denial.code, text: denial.text });
    liftAts.push(denial.liftAt);
  }
  if (reasons.length === 0) return { allowed: true, ruleIds: [...set.ruleIds], zones, localTimes, counters };
  return {
    allowed: false,
    ruleIds: [...new Set(reasons.map((r) => r.ruleId))],
    reasons,
    zones,
    localTimes,
    counters,
    retryAt: findRetryAt(set.rules, ctx, input.now, liftAts),
  };
}

/**
 * The earliest instant after `now` at which no rule denies, or null when some denial never lifts.
 * `liftAtsNow` are the lift instants of the denials already found at `now` (the first step).
 */
function findRetryAt(
  rules: readonly RuleSpec[],
  ctx: RuleContext,
  now: Date,
  liftAtsNow: readonly (Date | null)[],
): Date | null {
  if (liftAtsNow.some((liftAt) => liftAt === null)) return null;
  ctx.isSearching = true;
  let at = nextCandidate(now, Math.max(...liftAtsNow.map((d) => d!.getTime())));
  for (let step = 1; step < MAX_RETRY_STEPS; step++) {
    let latest = -Infinity;
    let denied = false;
    for (const rule of rules) {
      const denial = evaluateRule(rule, ctx, at);
      if (denial === null) continue;
      denied = true;
      if (denial.liftAt === null) return null;
      latest = Math.max(latest, denial.liftAt.getTime());
    }
    if (!denied) return at;
    at = nextCandidate(at, latest);
  }
  return at;
}

/** Guards against a rule reporting a lift instant that is not in the future. */
function nextCandidate(at: Date, latestLiftMs: number): Date {
  return new Date(Math.max(latestLiftMs, at.getTime() + 60_000));
}
