/**
 * How each kind of rule is evaluated for an attempt at instant `at` (the decision instant, or a
 * later candidate while searching for retryAt). A denial carries `liftAt`: the earliest instant this
 * rule alone could allow again (null = never by itself). History is fixed: nothing new happens
 * between now and `at`.
 */
import { instantOfLocal, localTimeOf } from '../../timezones/zone-clock.js';
import type { CallingWindow } from '../../campaign/campaign-definition.js';
import {
  checkCallingWindows,
  isInsideEveryZone,
  minutesOf,
  nextAllowedAt,
  type HolidayCalendar,
} from '../calling-window.js';
import type {
  ComplianceInput,
  Counter,
  CounterPeriod,
  CounterWindow,
  CountedEvent,
  HistoryEntry,
  HolidayCalendarName,
  RuleSpec,
} from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RuleContext {
  input: ComplianceInput;
  zones: readonly string[];
  calendars: Record<HolidayCalendarName, HolidayCalendar>;
  /** The last calling-window report built (the record and a denial's text ask for the same one). */
  lastWindowCheck?: {
    atMs: number;
    windows: readonly CallingWindow[];
    calendar: HolidayCalendar;
    result: ReturnType<typeof checkCallingWindows>;
  };
  /** Set while searching for retryAt: only lift instants matter, denial texts are not built. */
  isSearching?: boolean;
  /**
   * Per-decision memo: a counter rule's counted history, and its counters at the last instant asked
   * (decisions ask for the same instant twice: for the record, then for the verdict).
   */
  memo?: Map<
    RuleSpec,
    {
      entries: HistoryEntry[];
      atMs: number;
      counters: Record<string, Counter & { liftAt: Date }> | null;
    }
  >;
}

export interface Denial {
  code: string;
  text: string;
  liftAt: Date | null;
}

type CounterRule = Extract<RuleSpec, { kind: 'counter' }>;

export function windowLabel(period: CounterPeriod): CounterWindow {
  if (period.type === 'rolling') return period.days === 30 ? 'rolling30d' : 'rolling7d';
  return `cal_${period.unit}`;
}

/** Counter key in the decision: the rule id, or `id:window` when the rule has several windows. */
export function counterKey(rule: CounterRule, period: CounterPeriod): string {
  return rule.limits.length === 1 ? rule.id : `${rule.id}:${windowLabel(period)}`;
}

function isConsented(e: HistoryEntry): boolean {
  return e.consentedUntil !== undefined && e.at.getTime() <= e.consentedUntil.getTime();
}

/**
 * - placed-calls: Reg F 1006.14(b)(3): a call that never connects is not counted, nor one placed
 *   with the person's consent within the consent window.
 * - conversations: 230-FZ "телефонные переговоры" that took place.
 * - messages: texts and recorded/voice messages sent.
 * - contacts (MA, Ontario): calls that reached the number (person or voicemail) and messages;
 *   debtor-requested (consented) ones do not count.
 */
function countsEntry(counts: CountedEvent, e: HistoryEntry): boolean {
  switch (counts) {
    case 'placed-calls':
      return e.kind === 'call' && e.connected && !isConsented(e);
    case 'conversations':
      return e.kind === 'call' && e.conversation;
    case 'messages':
      return e.kind === 'message';
    case 'contacts':
      return (e.kind === 'message' || e.connected || e.conversation) && !isConsented(e);
  }
}

function inScope(ctx: RuleContext, scope: 'person' | 'person-debt', e: HistoryEntry): boolean {
  if (e.personId !== ctx.input.person.id) return false;
  return scope === 'person' || e.debtId === ctx.input.debtId;
}

function countedEntries(rule: CounterRule, ctx: RuleContext): HistoryEntry[] {
  let entries = ctx.input.history.filter((e) => inScope(ctx, rule.scope, e));
  if (rule.onlyAfterFirstConversation) {
    const first = Math.min(...entries.filter((e) => e.conversation).map((e) => e.at.getTime()));
    entries = Number.isFinite(first) ? entries.filter((e) => e.at.getTime() >= first) : [];
  }
  return entries.filter((e) => countsEntry(rule.counts, e)).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The local calendar day, ISO week (Monday first) or month holding `ms` in `zone`, as instants. */
type CalendarUnit = 'day' | 'week' | 'month';
/** The last unit computed per zone and kind: decisions close in time fall in the same day/week/month. */
const lastUnits = new Map<string, Record<CalendarUnit, { start: number; end: number } | undefined>>();

function calendarUnit(zone: string, ms: number, unit: CalendarUnit): { start: number; end: number } {
  let units = lastUnits.get(zone);
  if (units === undefined) {
    units = { day: undefined, week: undefined, month: undefined };
    lastUnits.set(zone, units);
  }
  const last = units[unit];
  if (last !== undefined && ms >= last.start && ms < last.end) return last;
  const found = computeCalendarUnit(zone, ms, unit);
  units[unit] = found;
  return found;
}

function computeCalendarUnit(zone: string, ms: number, unit: CalendarUnit): { start: number; end: number } {
  const t = localTimeOf(zone, ms);
  switch (unit) {
    case 'day':
      return {
        start: instantOfLocal(zone, t.year, t.month, t.day, 0),
        end: instantOfLocal(zone, t.year, t.month, t.day + 1, 0),
      };
    case 'week': {
      const monday = t.day - (t.weekday - 1);
      return {
        start: instantOfLocal(zone, t.year, t.month, monday, 0),
        end: instantOfLocal(zone, t.year, t.month, monday + 7, 0),
      };
    }
    case 'month':
      return {
        start: instantOfLocal(zone, t.year, t.month, 1, 0),
        end: instantOfLocal(zone, t.year, t.month + 1, 1, 0),
      };
  }
}

interface PeriodCount {
  used: number;
  /** When `used` drops below `limit` (only meaningful when used >= limit). */
  liftAt: Date;
}

function countInPeriod(
  entries: HistoryEntry[],
  period: CounterPeriod,
  limit: number,
  at: Date,
  zones: readonly string[],
): PeriodCount {
  if (period.type === 'rolling') {
    // Rolling 7 × 24 h: stricter than 7 local calendar days (the oldest call rolls off at the same
    // clock time a week later, not at midnight).
    const lengthMs = period.days * DAY_MS;
    const inside = entries.filter((e) => e.at.getTime() > at.getTime() - lengthMs);
    const mustDrop = inside.length - limit + 1;
    const pivot = mustDrop > 0 ? inside[mustDrop - 1] : undefined;
    return { used: inside.length, liftAt: new Date((pivot?.at.getTime() ?? at.getTime()) + lengthMs) };
  }
  // Calendar unit in each candidate zone's local time; the strictest zone wins (230-FZ art. 7 p.3(1)).
  let used = 0;
  let liftAt = at;
  for (const zone of zones) {
    const { start, end } = calendarUnit(zone, at.getTime(), period.unit);
    let n = 0;
    for (const e of entries) if (e.at.getTime() >= start && e.at.getTime() < end) n += 1;
    used = Math.max(used, n);
    if (n >= limit && end > liftAt.getTime()) liftAt = new Date(end);
  }
  return { used, liftAt };
}

/** The counters of one rule at `at`, for the decision output. */
export function countersOf(
  rule: CounterRule,
  ctx: RuleContext,
  at: Date,
): Record<string, Counter & { liftAt: Date }> {
  ctx.memo ??= new Map();
  let memo = ctx.memo.get(rule);
  if (memo === undefined) {
    memo = { entries: countedEntries(rule, ctx), atMs: Number.NaN, counters: null };
    ctx.memo.set(rule, memo);
  }
  if (memo.counters !== null && memo.atMs === at.getTime()) return memo.counters;
  const entries = memo.entries;
  const out: Record<string, Counter & { liftAt: Date }> = {};
  for (const { period, limit } of rule.limits) {
    const c = countInPeriod(entries, period, limit, at, ctx.zones);
    out[counterKey(rule, period)] = { used: c.used, limit, window: windowLabel(period), liftAt: c.liftAt };
  }
  memo.atMs = at.getTime();
  memo.counters = out;
  return out;
}

/** checkCallingWindows for this decision's zones, remembered for the last instant and windows asked. */
export function windowCheck(
  ctx: RuleContext,
  at: Date,
  windows: readonly CallingWindow[],
  calendar: HolidayCalendar,
): ReturnType<typeof checkCallingWindows> {
  const last = ctx.lastWindowCheck;
  if (last && last.atMs === at.getTime() && last.windows === windows && last.calendar === calendar)
    return last.result;
  const result = checkCallingWindows(at, ctx.zones, windows, calendar);
  ctx.lastWindowCheck = { atMs: at.getTime(), windows, calendar, result };
  return result;
}

function checkWindows(
  ctx: RuleContext,
  at: Date,
  windows: readonly CallingWindow[],
  calendar: HolidayCalendar,
): Denial | null {
  if (windows.length === 0)
    return { code: 'no-window-left', text: 'no calling window remains', liftAt: null };
  if (isInsideEveryZone(at.getTime(), ctx.zones, windows, calendar)) return null;
  const liftAt = nextAllowedAt(at, ctx.zones, windows, calendar);
  if (ctx.isSearching === true) return { code: 'outside-calling-window', text: '', liftAt };
  const check = windowCheck(ctx, at, windows, calendar);
  const outside = check.seen.filter((s) => !s.isInside).map((s) => `${s.zone} ${s.localTime} (${s.dayKind})`);
  return {
    code: 'outside-calling-window',
    text: `outside the calling window in ${outside.join(', ')}`,
    liftAt,
  };
}

/** Evaluates one rule; null = this rule allows the attempt at `at`. */
export function evaluateRule(rule: RuleSpec, ctx: RuleContext, at: Date): Denial | null {
  const { person, phone } = ctx.input;
  switch (rule.kind) {
    case 'calling-window':
      return checkWindows(ctx, at, rule.windows, ctx.calendars[rule.calendar]);
    case 'regional-calling-window': {
      // Every region the person may be in whose table has hours: each must allow (intersection).
      for (const region of person.regions ?? []) {
        const windows = rule.byRegion[region];
        if (windows === undefined) continue;
        const denial = checkWindows(ctx, at, windows, ctx.calendars[rule.calendar]);
        if (denial !== null)
          return {
            ...denial,
            code: 'outside-regional-calling-window',
            text: ctx.isSearching === true ? '' : `${region} hours: ${denial.text}`,
          };
      }
      return null;
    }
    case 'quiet-hours': {
      if (person.quietBeforeLocal === null && person.quietAfterLocal === null) return null;
      const from = person.quietBeforeLocal ?? '00:00';
      const to = person.quietAfterLocal ?? '24:00';
      if (minutesOf(from) >= minutesOf(to))
        return {
          code: 'person-quiet-hours-leave-no-window',
          text: `quiet hours ${from}–${to} leave no time`,
          liftAt: null,
        };
      const denial = checkWindows(
        ctx,
        at,
        [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], from, to }],
        ctx.calendars.none,
      );
      return (
        denial && {
          ...denial,
          code: 'person-quiet-hours',
          text: `the person asked for calls only ${from}–${to}: ${denial.text}`,
        }
      );
    }
    case 'flags': {
      const hit = rule.flags.filter((f) => person.flags.includes(f));
      return hit.length === 0
        ? null
        : { code: rule.code, text: `${rule.text} (${hit.join(', ')})`, liftAt: null };
    }
    case 'dnc': {
      if (person.flags.includes('do-not-call'))
        return { code: 'person-do-not-call', text: 'the person asked not to be called', liftAt: null };
      const entry = ctx.input.dnc.find(
        (d) => d.e164 === phone.e164 || (d.personId !== undefined && d.personId === person.id),
      );
      if (entry === undefined) return null;
      return entry.e164 === phone.e164
        ? { code: 'number-do-not-call', text: `${phone.e164} is on a do-not-call list`, liftAt: null }
        : { code: 'person-do-not-call', text: 'the person is on a do-not-call list', liftAt: null };
    }
    case 'phone-status':
      if (phone.status === 'wrong-number' || person.flags.includes('wrong-number'))
        return { code: 'wrong-number', text: `${phone.e164} is recorded as a wrong number`, liftAt: null };
      if (phone.status === 'bad')
        return { code: 'phone-bad', text: `${phone.e164} is recorded as not usable`, liftAt: null };
      return null;
    case 'third-party-consent':
      return person.role === 'third_party' && !person.hasThirdPartyConsent
        ? {
            code: 'third-party-without-consent',
            text: "a third party without the debtor's written consent",
            liftAt: null,
          }
        : null;
    case 'counter': {
      const channel = ctx.input.channel ?? 'call';
      if (rule.appliesTo !== 'any' && rule.appliesTo !== channel) return null;
      const full = Object.entries(countersOf(rule, ctx, at)).filter(([, c]) => c.used >= c.limit);
      if (full.length === 0) return null;
      const liftAt = new Date(Math.max(...full.map(([, c]) => c.liftAt.getTime())));
      return {
        code: 'frequency-limit',
        text:
          ctx.isSearching === true
            ? ''
            : full.map(([key, c]) => `${key}: ${c.used} of ${c.limit} (${c.window})`).join('; '),
        liftAt,
      };
    }
    case 'after-conversation': {
      // Reg F 1006.14(b)(2)(i)(B): the conversation day is day 1, so calls resume at local midnight
      // starting day days+1, in every candidate zone (the latest of them).
      let liftAt = 0;
      for (const e of ctx.input.history) {
        if (!e.conversation || !inScope(ctx, 'person-debt', e)) continue;
        for (const zone of ctx.zones) {
          const local = localTimeOf(zone, e.at.getTime());
          const end = instantOfLocal(zone, local.year, local.month, local.day + rule.days, 0);
          if (end > at.getTime() && end > liftAt) liftAt = end;
        }
      }
      return liftAt === 0
        ? null
        : {
            code: 'after-conversation',
            text: `a conversation about debt ${ctx.input.debtId} took place within the last ${rule.days} days (its day is day 1)`,
            liftAt: new Date(liftAt),
          };
    }
    case 'abandon-redial': {
      const windowMs = rule.hours * HOUR_MS;
      const last = Math.max(
        ...ctx.input.history
          .filter(
            (e) => e.abandoned === true && e.e164 === phone.e164 && e.at.getTime() > at.getTime() - windowMs,
          )
          .map((e) => e.at.getTime()),
      );
      return Number.isFinite(last)
        ? {
            code: 'abandoned-call-redial',
            text: `a call to ${phone.e164} was abandoned less than ${rule.hours} h ago`,
            liftAt: new Date(last + windowMs),
          }
        : null;
    }
  }
}
