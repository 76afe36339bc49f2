import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { countryZones, zonesForNumber } from '../../../src/domain/timezones/number-zones.js';
import { RU_REGION_ZONES } from '../../../src/domain/timezones/region-zones.js';

function ok(e164: string): { zones: string[]; basis: string; region?: string } {
  const result = zonesForNumber(e164);
  if ('error' in result) throw new Error(result.error);
  return result;
}

/** UTC offsets in hours on a fixed winter instant, so the test does not depend on today's date. */
function offsetsOf(zones: readonly string[]): number[] {
  const instant = DateTime.fromISO('2025-01-15T12:00:00Z');
  return [...new Set(zones.map((z) => instant.setZone(z).offset / 60))].sort((a, b) => a - b);
}

describe('zonesForNumber: NANP', () => {
  it('splits area code 208 by exchange: Sandpoint (north Idaho) is Pacific, Boise Mountain', () => {
    expect(ok('+12082634567')).toEqual({
      zones: ['America/Los_Angeles'],
      basis: 'NANP 208-263 Idaho',
      region: 'US-ID',
      country: 'US',
    });
    // Google's map says America/Denver; the region table's zone for southern Idaho is America/Boise.
    expect(ok('+12082014567')).toMatchObject({ zones: ['America/Boise'], basis: 'NANP 208-201 Idaho' });
  });

  it('an exchange the data does not list gets every zone used under its prefix', () => {
    expect(ok('+12084104567').zones).toEqual(['America/Boise', 'America/Los_Angeles']);
    // Florida panhandle: 850-43x is Central; Tallahassee's exchanges are not listed (the area code
    // default is Eastern), so they get both sides of the line.
    expect(ok('+18504324567')).toMatchObject({ zones: ['America/Chicago'], basis: 'NANP 850-43 Florida' });
    expect(ok('+18502224567')).toMatchObject({
      zones: ['America/New_York', 'America/Chicago'],
      basis: expect.stringContaining('NANP 850 Florida (exchange not in the data'),
    });
    // East Tennessee: the map's area code default is Central although most exchanges are Eastern.
    expect(ok('+14235551234').zones.sort()).toEqual(['America/Chicago', 'America/New_York']);
  });

  it('one zone for a one-zone area code', () => {
    expect(ok('+12125550100')).toMatchObject({ zones: ['America/New_York'], region: 'US-NY' });
    expect(ok('+16175550123')).toMatchObject({
      zones: ['America/New_York'],
      basis: 'NANP 617 Massachusetts',
    });
  });

  it('corrections from zone-overrides.ts apply', () => {
    expect(ok('+19075811234').zones).toEqual(['America/Nome']); // Google: Pacific/Honolulu
    expect(ok('+14742551234').zones).toEqual(['America/Regina']); // Google: America/Winnipeg
    expect(ok('+13135550123').zones).toEqual(['America/Detroit']); // Google: America/New_York
  });

  it.each(['+18005550123', '+18885550123', '+15005550100'])(
    '%s (toll-free or personal) says nothing about the place: every US zone',
    (e164) => {
      const result = ok(e164);
      expect(result.basis).toMatch(/location unknown: every zone of US/);
      expect(result.zones).toEqual(countryZones('US'));
      expect(offsetsOf(result.zones)).toEqual([-10, -9, -8, -7, -6, -5]);
      expect(result.region).toBeUndefined();
    },
  );

  it('Canada and the US territories resolve to their own regions', () => {
    expect(ok('+16045550123')).toMatchObject({ zones: ['America/Vancouver'], region: 'CA-BC' });
    expect(ok('+17875551234')).toMatchObject({ zones: ['America/Puerto_Rico'], region: 'US-PR' });
    expect(ok('+12423221234').zones).toEqual(['America/Nassau']);
  });
});

describe('zonesForNumber: Russia (ABC by region, DEF unknown)', () => {
  it.each([
    ['+74012123456', ['Europe/Kaliningrad'], 'RU ABC 401 Калининградская область', 'RU-KGD'],
    ['+78462123456', ['Europe/Samara'], 'RU ABC 846 Самарская область', 'RU-SAM'],
    ['+74152123456', ['Asia/Kamchatka'], 'RU ABC 415 Камчатский край', 'RU-KAM'],
    // Google's map: Asia/Yakutsk (same offset, other rules and history).
    ['+73022123456', ['Asia/Chita'], 'RU ABC 302 Забайкальский край', 'RU-ZAB'],
    // Google's map: Europe/Samara and Asia/Krasnoyarsk.
    ['+78422123456', ['Europe/Ulyanovsk'], 'RU ABC 842 Ульяновская область', 'RU-ULY'],
    ['+73852123456', ['Asia/Barnaul'], 'RU ABC 385 Алтайский край', 'RU-ALT'],
    ['+74952123456', ['Europe/Moscow'], 'RU ABC 495 Московская область', 'RU-MOS'],
  ])('%s → %j', (e164, zones, basis, region) => {
    expect(ok(e164)).toEqual({ zones, basis, region, country: 'RU' });
  });

  it('Sakha gives every zone of the republic', () => {
    expect(ok('+74112123456').zones).toEqual([
      'Asia/Yakutsk',
      'Asia/Khandyga',
      'Asia/Ust-Nera',
      'Asia/Srednekolymsk',
    ]);
  });

  it('a mobile (DEF) number gives every Russian zone, Kaliningrad to Kamchatka, not Moscow', () => {
    const result = ok('+79123456789');
    expect(result.basis).toBe('RU mobile (DEF 912): unknown region');
    expect(result.region).toBeUndefined();
    expect(result.zones).toEqual(
      expect.arrayContaining(['Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Kamchatka', 'Asia/Anadyr']),
    );
    expect(new Set(result.zones)).toEqual(new Set(RU_REGION_ZONES.flatMap((r) => r.zones)));
    expect(offsetsOf(result.zones)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('a toll-free number is unknown too', () => {
    expect(ok('+78001234567')).toMatchObject({ basis: 'RU toll-free (800): unknown region' });
  });
});

describe('zonesForNumber: other countries and bad input', () => {
  it("uses Google's map where it has a prefix, else every zone of the country code", () => {
    expect(ok('+77011234567')).toMatchObject({ zones: ['Asia/Almaty', 'Asia/Aqtobe'], country: 'KZ' });
    expect(ok('+4930123456')).toEqual({
      zones: ['Europe/Berlin'],
      basis: 'DE: no prefix data, every zone of +49',
      country: 'DE',
    });
  });

  it.each([
    ['+999123456', /\+999123456 matches no numbering plan/],
    ['+3851234', /\+3851234 matches no numbering plan of HR/],
    ['12', /matches no numbering plan/],
    ['', /matches no numbering plan/],
  ])('%j is an error naming the number', (e164, message) => {
    expect(zonesForNumber(e164)).toEqual({ error: expect.stringMatching(message) });
  });
});
