import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  formatLocalTime,
  ianaZone,
  instantOfLocal,
  isIanaZone,
  localTimeOf,
} from '../../../src/domain/timezones/zone-clock.js';
import { mulberry32 } from '../../../src/sim/pbx/prng.js';

const ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Kamchatka',
  'Asia/Srednekolymsk',
  'America/New_York',
  'America/Phoenix',
  'America/St_Johns', // −03:30 / −02:30
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Europe/London',
  'Pacific/Chatham', // +12:45 / +13:45
  'America/Santiago', // DST switches at local midnight
  'Asia/Gaza',
];

const prng = mulberry32; // seeded, so a failure is reproducible

describe('zone clock (memoised luxon offsets)', () => {
  it('gives the same local fields as a luxon DateTime for random instants 1990–2040 in odd zones', () => {
    const rnd = prng(7);
    const start = Date.parse('1990-01-01T00:00:00Z');
    const span = Date.parse('2040-01-01T00:00:00Z') - start;
    for (let i = 0; i < 20_000; i += 1) {
      const zone = ZONES[i % ZONES.length]!;
      const ms = start + Math.floor(rnd() * span);
      const ours = localTimeOf(zone, ms);
      const luxon = DateTime.fromMillis(ms, { zone });
      expect([
        ours.year,
        ours.month,
        ours.day,
        ours.hour,
        ours.minute,
        ours.weekday,
        ours.offsetMinutes,
      ]).toEqual([luxon.year, luxon.month, luxon.day, luxon.hour, luxon.minute, luxon.weekday, luxon.offset]);
    }
  });

  it('is exact minute by minute across DST switches (New York, London, Lord Howe, Santiago)', () => {
    const days: [string, string][] = [
      ['America/New_York', '2026-03-08T00:00:00-05:00'],
      ['America/New_York', '2026-11-01T00:00:00-04:00'],
      ['Europe/London', '2026-03-29T00:00:00Z'],
      ['Europe/London', '2026-10-25T00:00:00+01:00'],
      ['Australia/Lord_Howe', '2026-04-05T00:00:00+11:00'],
      ['America/Santiago', '2026-04-04T22:00:00-03:00'],
    ];
    for (const [zone, iso] of days) {
      const from = Date.parse(iso);
      for (let ms = from; ms < from + 6 * 3_600_000; ms += 60_000) {
        const luxon = DateTime.fromMillis(ms, { zone });
        expect(formatLocalTime(localTimeOf(zone, ms))).toBe(luxon.toFormat("yyyy-MM-dd'T'HH:mm ZZ"));
      }
    }
  });

  it('maps local wall-clock times to instants as luxon does, skipped and repeated hours included', () => {
    const rnd = prng(11);
    for (let i = 0; i < 5_000; i += 1) {
      const zone = ZONES[i % ZONES.length]!;
      const year = 2000 + Math.floor(rnd() * 35);
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 28);
      const minuteOfDay = Math.floor(rnd() * 1440);
      const expected = DateTime.fromObject(
        { year, month, day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
        { zone },
      ).toMillis();
      expect(instantOfLocal(zone, year, month, day, minuteOfDay)).toBe(expected);
    }
    // 02:30 does not exist in New York on 2026-03-08: luxon moves it forward by the gap (03:30 EDT).
    expect(new Date(instantOfLocal('America/New_York', 2026, 3, 8, 150)).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // 01:30 happens twice on 2026-11-01: the first (EDT) is taken.
    expect(new Date(instantOfLocal('America/New_York', 2026, 11, 1, 90)).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // Days and minutes roll over as in Date.UTC: 32 January is 1 February.
    expect(instantOfLocal('Europe/Moscow', 2026, 1, 32, 0)).toBe(Date.parse('2026-02-01T00:00:00+03:00'));
  });

  it('knows which names are zones', () => {
    expect(isIanaZone('Asia/Kamchatka')).toBe(true);
    expect(isIanaZone('Mars/Olympus_Mons')).toBe(false);
    expect(ianaZone('Mars/Olympus_Mons')).toBeNull();
    expect(() => localTimeOf('Mars/Olympus_Mons', 0)).toThrow(/not an IANA time zone/);
  });
});
