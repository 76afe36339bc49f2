import { describe, expect, it } from 'vitest';
import { checkCallingWindows, nextAllowedAt } from '../../../src/domain/compliance/calling-window.js';
import type { CallingWindow } from '../../../src/domain/campaign/campaign-definition.js';

const RU_230: CallingWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '22:00' },
  { days: ['sat', 'sun', 'holiday'], from: '09:00', to: '20:00' },
];
const US_8_21: CallingWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], from: '08:00', to: '21:00' },
];

describe('calling windows in the person’s local time', () => {
  it('Kaliningrad and Kamchatka see the same instant ten hours apart', () => {
    // Monday 2026-11-23 06:30 UTC = 08:30 Kaliningrad (UTC+2) and 18:30 Kamchatka (UTC+12).
    const now = new Date('2026-11-23T06:30:00Z');
    expect(checkCallingWindows(now, ['Europe/Kaliningrad'], RU_230).isAllowed).toBe(true);
    expect(checkCallingWindows(now, ['Asia/Kamchatka'], RU_230).isAllowed).toBe(true);
    // 05:30 UTC: 07:30 in Kaliningrad is too early, 17:30 in Kamchatka is fine.
    const early = new Date('2026-11-23T05:30:00Z');
    expect(checkCallingWindows(early, ['Europe/Kaliningrad'], RU_230).isAllowed).toBe(false);
    expect(checkCallingWindows(early, ['Asia/Kamchatka'], RU_230).isAllowed).toBe(true);
  });

  it('uses the weekend window on Saturday (09:00–20:00)', () => {
    // Saturday 2026-11-28 05:30 UTC = 08:30 Moscow: allowed on a weekday, not on Saturday.
    expect(checkCallingWindows(new Date('2026-11-28T05:30:00Z'), ['Europe/Moscow'], RU_230).isAllowed).toBe(
      false,
    );
    expect(checkCallingWindows(new Date('2026-11-28T06:30:00Z'), ['Europe/Moscow'], RU_230).isAllowed).toBe(
      true,
    );
  });

  it('treats a holiday as its own day kind', () => {
    const holidays = (_zone: string, date: string) => date === '2026-11-04';
    // Wednesday 4 November 2026 (Day of National Unity) 05:30 UTC = 08:30 Moscow.
    expect(
      checkCallingWindows(new Date('2026-11-04T05:30:00Z'), ['Europe/Moscow'], RU_230, holidays).isAllowed,
    ).toBe(false);
  });

  it('allows only the intersection when candidate zones disagree', () => {
    // 13:30 UTC in July: 09:30 New York (EDT), 06:30 Los Angeles (PDT).
    const now = new Date('2026-07-15T13:30:00Z');
    expect(checkCallingWindows(now, ['America/New_York'], US_8_21).isAllowed).toBe(true);
    expect(checkCallingWindows(now, ['America/New_York', 'America/Los_Angeles'], US_8_21).isAllowed).toBe(
      false,
    );
    expect(nextAllowedAt(now, ['America/New_York', 'America/Los_Angeles'], US_8_21)?.toISOString()).toBe(
      '2026-07-15T15:00:00.000Z',
    );
  });

  it('follows the US DST switch (2026-03-08): 08:00 New York is 13:00 UTC before and 12:00 UTC after', () => {
    expect(
      nextAllowedAt(new Date('2026-03-07T02:00:00Z'), ['America/New_York'], US_8_21)?.toISOString(),
    ).toBe('2026-03-07T13:00:00.000Z');
    expect(
      nextAllowedAt(new Date('2026-03-08T02:00:00Z'), ['America/New_York'], US_8_21)?.toISOString(),
    ).toBe('2026-03-08T12:00:00.000Z');
  });

  it('denies when no zone is known, and refuses an impossible zone', () => {
    expect(checkCallingWindows(new Date(), [], RU_230).isAllowed).toBe(false);
    expect(() => checkCallingWindows(new Date(), ['Mars/Olympus'], RU_230)).toThrow(/not an IANA time zone/);
  });

  it('finds the next opening after the evening close', () => {
    // Friday 2026-11-27 19:30 UTC = 22:30 Moscow: closed; Saturday opens at 09:00 Moscow = 06:00 UTC.
    expect(nextAllowedAt(new Date('2026-11-27T19:30:00Z'), ['Europe/Moscow'], RU_230)?.toISOString()).toBe(
      '2026-11-28T06:00:00.000Z',
    );
  });
});
