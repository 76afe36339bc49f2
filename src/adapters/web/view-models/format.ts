/** Formatting shared by the view-models: numbers, money, dates and a person's local clock. */
import { DateTime, IANAZone } from 'luxon';
import type { Locale } from '../i18n.js';

const INTL_LOCALE: Record<Locale, string> = { ru: 'ru-RU', en: 'en-US' };

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(n);
}

/** 0.0123 → "1.2%" / "1,2 %". */
export function formatRate(rate: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}

/** A NUMERIC string from the database ("15000.50") with its ISO currency; an unknown currency is appended as text. */
export function formatMoney(amount: string | null, currency: string | null, locale: Locale): string {
  if (amount === null || amount === '' || Number.isNaN(Number(amount))) return '';
  const value = Number(amount);
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency }).format(value);
    } catch {
      // An ISO-looking code Intl does not know: fall through to the plain number.
    }
  }
  const plain = new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
  return currency ? `${plain} ${currency}` : plain;
}

/** A calendar date (YYYY-MM-DD, no zone) the way people read it: 14.03.1985 / Mar 14, 1985. */
export function formatCalendarDate(isoDate: string | null, locale: Locale): string {
  if (!isoDate) return '';
  const d = DateTime.fromISO(isoDate.slice(0, 10), { zone: 'UTC' });
  if (!d.isValid) return isoDate;
  return locale === 'ru' ? d.toFormat('dd.MM.yyyy') : d.setLocale('en-US').toFormat('MMM d, yyyy');
}

/** Full years between a birth date and `now` in `zone` (the person's own calendar). */
export function ageInYears(isoDate: string | null, now: Date, zone = 'UTC'): number | null {
  if (!isoDate) return null;
  const born = DateTime.fromISO(isoDate.slice(0, 10), { zone });
  const today = DateTime.fromJSDate(now, { zone: IANAZone.isValidZone(zone) ? zone : 'UTC' });
  if (!born.isValid) return null;
  const years = Math.floor(today.startOf('day').diff(born.startOf('day'), 'years').years);
  return years >= 0 ? years : null;
}

/** "Europe/Moscow" → "Moscow", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function placeOfZone(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** "UTC+3", "UTC−3:30", "UTC" for the zone's offset at `now`. */
export function utcOffsetLabel(zone: string, now: Date): string {
  const minutes = DateTime.fromJSDate(now, { zone }).offset;
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

export interface ZoneClock {
  zone: string;
  place: string;
  /** "14:05" */
  time: string;
  /** "Mon" / "пн" */
  weekday: string;
  offset: string;
}

/** The clock in each of a person's candidate zones (a region may span several: all are shown). Invalid zones are dropped. */
export function localClocks(zones: readonly string[], now: Date, locale: Locale): ZoneClock[] {
  const seen = new Set<string>();
  const clocks: ZoneClock[] = [];
  for (const zone of zones) {
    if (seen.has(zone) || !IANAZone.isValidZone(zone)) continue;
    seen.add(zone);
    const local = DateTime.fromJSDate(now, { zone }).setLocale(INTL_LOCALE[locale]);
    clocks.push({
      zone,
      place: placeOfZone(zone),
      time: local.toFormat('HH:mm'),
      weekday: local.toFormat('ccc'),
      offset: utcOffsetLabel(zone, now),
    });
  }
  return clocks;
}

/** The value of an <input type="datetime-local"> (YYYY-MM-DDTHH:mm) for an instant seen in `zone`. */
export function toLocalInputValue(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Tomorrow at `hour`:00 in `zone`: a callback default a person is unlikely to be asleep for. */
export function defaultCallbackLocal(now: Date, zone: string, hour = 10): string {
  return DateTime.fromJSDate(now, { zone })
    .plus({ days: 1 })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Today's date in `zone` (YYYY-MM-DD). */
export function localDate(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? now.toISOString().slice(0, 10);
}

export function isoOrNull(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A UTC instant for the attempt log: 2026-11-24T10:30:05Z (seconds kept, milliseconds dropped). */
export function utcIso(value: Date | string | null | undefined): string {
  const iso = isoOrNull(value);
  return iso ? iso.replace(/\.\d{3}Z$/, 'Z') : '';
}
