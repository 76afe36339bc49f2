/**
 * Calling windows in the called person's local time. A phone may have several candidate zones
 * (area code and address disagree, a region spanning zones); the call is allowed only when the
 * instant is inside a window in EVERY candidate zone (Reg F comment 6(b)(1)(i), LiveVox "safe zone").
 * Zones are IANA names evaluated with luxon at decision time, so DST is whatever tzdata says.
 */
import type { CallingWindow, DayKind } from '../campaign/campaign-definition.js';
import {
  formatLocalTime,
  instantOfLocal,
  isoDateOf,
  localTimeOf,
  clockOf,
  type LocalTime,
} from '../timezones/zone-clock.js';

const WEEKDAY_KINDS: readonly DayKind[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Windows are searched this far ahead for the next opening. */
const LOOKAHEAD_DAYS = 8;
const STEP_MINUTES = 1;

export interface LocalTimeSeen {
  zone: string;
  localTime: string;
  dayKind: DayKind;
  isInside: boolean;
}

/** `isHoliday(zone, isoDate)` says whether a local date is a non-working holiday (production calendar). */
export type HolidayCalendar = (zone: string, isoDate: string) => boolean;
export const NO_HOLIDAYS: HolidayCalendar = () => false;

const parsedMinutes = new Map<string, number>();
/** "HH:MM" → minutes after midnight (parsed once per distinct text: decisions read windows often). */
export function minutesOf(hhmm: string): number {
  let minutes = parsedMinutes.get(hhmm);
  if (minutes === undefined) {
    const [h, m] = hhmm.split(':').map(Number);
    minutes = (h ?? 0) * 60 + (m ?? 0);
    parsedMinutes.set(hhmm, minutes);
  }
  return minutes;
}

export function dayKindOf(local: LocalTime, zone: string, holidays: HolidayCalendar): DayKind {
  if (holidays !== NO_HOLIDAYS && holidays(zone, isoDateOf(local))) return 'holiday';
  return WEEKDAY_KINDS[local.weekday - 1] ?? 'mon';
}

interface ParsedWindow {
  days: ReadonlySet<DayKind>;
  from: number;
  to: number;
}
const parsedWindows = new WeakMap<CallingWindow, ParsedWindow>();

function parsed(w: CallingWindow): ParsedWindow {
  let p = parsedWindows.get(w);
  if (p === undefined) {
    p = { days: new Set(w.days), from: minutesOf(w.from), to: minutesOf(w.to) };
    parsedWindows.set(w, p);
  }
  return p;
}

/** Whether `local` (already in its zone) falls in one of the windows. A "holiday" window replaces the weekday's. */
function isInsideAny(local: LocalTime, dayKind: DayKind, windows: readonly CallingWindow[]): boolean {
  const minute = local.minuteOfDay;
  for (const w of windows) {
    const p = parsed(w);
    if (p.days.has(dayKind) && minute >= p.from && minute < p.to) return true;
  }
  return false;
}

/** Whether instant `t` is inside a window in every zone (checkCallingWindows without the report). */
export function isInsideEveryZone(
  t: number,
  zones: readonly string[],
  windows: readonly CallingWindow[],
  holidays: HolidayCalendar = NO_HOLIDAYS,
): boolean {
  if (zones.length === 0) return false;
  for (const zone of zones) {
    const local = localTimeOf(zone, t);
    if (!isInsideAny(local, dayKindOf(local, zone, holidays), windows)) return false;
  }
  return true;
}

export function checkCallingWindows(
  now: Date,
  zones: readonly string[],
  windows: readonly CallingWindow[],
  holidays: HolidayCalendar = NO_HOLIDAYS,
): { isAllowed: boolean; seen: LocalTimeSeen[] } {
  const seen = zones.map((zone) => {
    const local = localTimeOf(zone, now.getTime());
    const dayKind = dayKindOf(local, zone, holidays);
    return {
      zone,
      localTime: formatLocalTime(local),
      dayKind,
      isInside: isInsideAny(local, dayKind, windows),
    };
  });
  return { isAllowed: zones.length > 0 && seen.every((s) => s.isInside), seen };
}

/**
 * The earliest instant at or after `now` when every zone is inside a window, or null within the
 * look-ahead. Steps minute by minute across boundaries only: jumps to the next candidate edge.
 */
export function nextAllowedAt(
  now: Date,
  zones: readonly string[],
  windows: readonly CallingWindow[],
  holidays: HolidayCalendar = NO_HOLIDAYS,
): Date | null {
  if (zones.length === 0) return null;
  const limit = now.getTime() + LOOKAHEAD_DAYS * 86_400_000;
  const edges = edgesOf(windows);
  let t = Math.ceil(now.getTime() / 60_000) * 60_000;
  while (t <= limit) {
    if (isInsideEveryZone(t, zones, windows, holidays)) return new Date(t);
    t = nextEdge(t, zones, edges) ?? t + STEP_MINUTES * 60_000;
  }
  return null;
}

/** Local minutes of the day at which some window opens or closes, and midnight, ascending. */
const edgeMemo = new WeakMap<readonly CallingWindow[], number[]>();
function edgesOf(windows: readonly CallingWindow[]): number[] {
  const known = edgeMemo.get(windows);
  if (known !== undefined) return known;
  const edges = new Set<number>([0]);
  for (const w of windows) {
    edges.add(minutesOf(w.from));
    edges.add(minutesOf(w.to) % 1440);
  }
  const sorted = [...edges].sort((a, b) => a - b);
  edgeMemo.set(windows, sorted);
  return sorted;
}

/** The next instant after `t` at which any zone crosses a window edge or midnight. */
function nextEdge(t: number, zones: readonly string[], edges: readonly number[]): number | null {
  let best: number | null = null;
  for (const name of zones) {
    const zone = clockOf(name);
    const local = localTimeOf(zone, t);
    // The zone's next edge on the wall clock: later today, or the first one tomorrow. Wall-clock
    // arithmetic (the next local HH:MM), not elapsed minutes: a DST switch in between would
    // otherwise shift the edge by an hour.
    const today = edges.find((edge) => edge > local.minuteOfDay);
    let candidate =
      today !== undefined
        ? instantOfLocal(zone, local.year, local.month, local.day, today)
        : instantOfLocal(zone, local.year, local.month, local.day + 1, edges[0] ?? 0);
    // A wall time repeated or skipped by a DST switch can map to an instant not after t.
    if (candidate <= t) candidate = t + 60_000;
    if (best === null || candidate < best) best = candidate;
  }
  return best;
}
