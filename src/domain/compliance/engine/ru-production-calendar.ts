/**
 * The Russian production calendar ("производственный календарь") as data, for RU-230-HOURS:
 * 230-FZ art. 7 p.3(1) allows 08:00–22:00 on working days and 09:00–20:00 on weekends and
 * non-working public holidays.
 *
 * Sources and confidence:
 * - STATUTORY (high): Labour Code art. 112 p.1 — Jan 1–6 and 8 (New Year holidays), Jan 7, Feb 23,
 *   Mar 8, May 1, May 9, Jun 12, Nov 4. These recur every year and are used for any year.
 * - 2025 (medium, recalled, not re-checked against the text): Government decree of 04.10.2024
 *   No. 1335 — weekend days moved to Fri May 2, Wed Dec 31 and Mon Nov 3 (Sat Nov 1 worked);
 *   Feb 23 (Sun) and Mar 8 (Sat) moved to Thu May 8 and Fri Jun 13. Totals check: 247 working days.
 * - 2026 (medium, recalled): Government decree on 2026 transfers — Jan 3–4 moved to Fri Jan 9 and
 *   Thu Dec 31; Mar 8 (Sun) → Mon Mar 9; May 9 (Sat) → Mon May 11. Totals check: 247 working days.
 * VERIFY both years against consultant.ru before production (research §6). Listing a day as
 * non-working that is in fact a working day only narrows the window (safe); the reverse would not be,
 * which is why moved WORKING days (Sat 2025-11-01) are recorded but not applied: calling-window.ts
 * has no way to give a Saturday the working-day window, and the weekend window is the narrower one.
 */
import { DateTime } from 'luxon';
import type { HolidayCalendar } from '../calling-window.js';

/** Labour Code art. 112 p.1, as MM-DD. */
export const RU_STATUTORY_HOLIDAYS: readonly string[] = [
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
];

export interface RuProductionYear {
  year: number;
  /** Non-working weekdays beyond the statutory list (moved days off), YYYY-MM-DD. */
  movedDaysOff: readonly string[];
  /** Saturdays/Sundays that are working days (recorded, not applied: see the file comment). */
  movedWorkingDays: readonly string[];
  confidence: 'medium' | 'low';
}

export const RU_PRODUCTION_YEARS: readonly RuProductionYear[] = [
  {
    year: 2025,
    movedDaysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
    movedWorkingDays: ['2025-11-01'],
    confidence: 'medium',
  },
  {
    year: 2026,
    movedDaysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
    movedWorkingDays: [],
    confidence: 'medium',
  },
];

export interface RuCalendarOverrides {
  /** Extra non-working dates (YYYY-MM-DD), e.g. a regional holiday or a newly published transfer. */
  extraNonWorkingDays?: readonly string[];
}

/**
 * A HolidayCalendar for checkCallingWindows: true on statutory holidays, moved days off and the
 * overrides. Saturdays and Sundays are weekend day kinds already, so they need no entry.
 */
export function ruProductionCalendar(overrides: RuCalendarOverrides = {}): HolidayCalendar {
  const dates = new Set<string>([
    ...RU_PRODUCTION_YEARS.flatMap((y) => y.movedDaysOff),
    ...(overrides.extraNonWorkingDays ?? []),
  ]);
  const statutory = new Set(RU_STATUTORY_HOLIDAYS);
  return (_zone, isoDate) => dates.has(isoDate) || statutory.has(isoDate.slice(5));
}

/** Whether a local date is a non-working day (weekend or holiday) in the production calendar. */
export function isRuNonWorkingDay(
  isoDate: string,
  calendar: HolidayCalendar = ruProductionCalendar(),
): boolean {
  const day = DateTime.fromISO(isoDate, { zone: 'UTC' });
  return day.weekday >= 6 || calendar('Europe/Moscow', isoDate);
}
