/**
 * Ontario statutory (public) holidays, for CA-ON-COLLECT ("no contact on statutory holidays").
 * Employment Standards Act 2000 s.1 "public holiday": New Year's Day, Family Day (3rd Mon Feb), Good
 * Friday, Victoria Day (Mon before May 25), Canada Day, Labour Day (1st Mon Sep), Thanksgiving (2nd
 * Mon Oct), Christmas Day, Boxing Day. Dates computed by hand for 2025–2026 (weekdays checked with
 * luxon); for other years only the fixed-date holidays apply — add the movable ones before then.
 */
import type { HolidayCalendar } from '../calling-window.js';

export const CA_ON_HOLIDAYS: readonly string[] = [
  '2025-01-01',
  '2025-02-17',
  '2025-04-18',
  '2025-05-19',
  '2025-07-01',
  '2025-09-01',
  '2025-10-13',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-02-16',
  '2026-04-03',
  '2026-05-18',
  '2026-07-01',
  '2026-09-07',
  '2026-10-12',
  '2026-12-25',
  '2026-12-26',
];
const FIXED_DATE_HOLIDAYS = new Set(['01-01', '07-01', '12-25', '12-26']);

export function caOntarioCalendar(extra: readonly string[] = []): HolidayCalendar {
  const dates = new Set([...CA_ON_HOLIDAYS, ...extra]);
  return (_zone, isoDate) => dates.has(isoDate) || FIXED_DATE_HOLIDAYS.has(isoDate.slice(5));
}
