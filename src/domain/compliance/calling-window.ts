/**
 * Calling windows in the called person's local time. A phone may have several candidate zones
 * (area code and address disagree, a region spanning zones); the call is allowed only when the
 * instant is inside a window in EVERY candidate zone (Reg F comment 6(b)(1)(i), LiveVox "safe zone").
 * Zones are IANA names evaluated with luxon at decision time, so DST is whatever tzdata says.
 */
import { DateTime } from 'luxon';
import type { CallingWindow, DayKind } from '../campaign/campaign-definition.js';

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

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function dayKindOf(local: DateTime, zone: string, holidays: HolidayCalendar): DayKind {
  if (holidays(zone, local.toISODate() ?? '')) return 'holiday';
  return WEEKDAY_KINDS[local.weekday - 1] ?? 'mon';
}

/** Whether `local` (already in its zone) falls in one of the windows. A "holiday" window replaces the weekday's. */
function isInsideAny(local: DateTime, dayKind: DayKind, windows: readonly CallingWindow[]): boolean {
  const minute = local.hour * 60 + local.minute;
  return windows.some(
    (w) => w.days.includes(dayKind) && minute >= minutesOf(w.from) && minute < minutesOf(w.to),
  );
}

export function checkCallingWindows(
  now: Date,
  zones: readonly string[],
  windows: readonly CallingWindow[],
  holidays: HolidayCalendar = NO_HOLIDAYS,
): { isAllowed: boolean; seen: LocalTimeSeen[] } {
  const seen = zones.map((zone) => {
    const local = DateTime.fromJSDate(now, { zone });
    if (!local.isValid) throw new RangeError(`"${zone}" is not an IANA time zone`);
    const dayKind = dayKindOf(local, zone, holidays);
    return {
      zone,
      localTime: local.toFormat("yyyy-MM-dd'T'HH:mm ZZ"),
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
  let t = Math.ceil(now.getTime() / 60_000) * 60_000;
  while (t <= limit) {
    const instant = new Date(t);
    if (checkCallingWindows(instant, zones, windows, holidays).isAllowed) return instant;
    t = nextEdge(t, zones, windows) ?? t + STEP_MINUTES * 60_000;
  }
  return null;
}

/** The next instant after `t` at which any zone crosses a window edge or midnight. */
function nextEdge(t: number, zones: readonly string[], windows: readonly CallingWindow[]): number | null {
  const edges = new Set<number>([0]);
  for (const w of windows) {
    edges.add(minutesOf(w.from));
    edges.add(minutesOf(w.to) % 1440);
  }
  let best: number | null = null;
  for (const zone of zones) {
    const local = DateTime.fromMillis(t, { zone });
    const minute = local.hour * 60 + local.minute;
    for (const edge of edges) {
      // Wall-clock arithmetic (the next local HH:MM), not elapsed minutes: a DST switch in between
      // would otherwise shift the edge by an hour.
      const day = local.startOf('day').plus({ days: edge > minute ? 0 : 1 });
      const candidate = day.set({ hour: Math.floor(edge / 60), minute: edge % 60 }).toMillis();
      if (candidate > t && (best === null || candidate < best)) best = candidate;
    }
  }
  return best;
}
