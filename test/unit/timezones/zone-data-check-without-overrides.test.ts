import { describe, expect, it, vi } from 'vitest';

// The same check with every correction removed: what a raw data refresh would bring in.
vi.mock('../../../src/domain/timezones/data/zone-overrides.js', () => ({
  NUMBER_ZONE_OVERRIDES: [],
  ZONE_SUBSTITUTIONS: [],
  POSTAL_ZONE_OVERRIDES: [],
  UNCHECKED_POSTAL_REGIONS: {},
  GEOCODER_NAME_FIXES: {},
}));

const { checkNumberZoneData, checkPostalZoneData } =
  await import('../../../src/domain/timezones/zone-data-check.js');

describe('zone data check without zone-overrides.ts', () => {
  it('finds the errors of the raw sources', () => {
    const open = checkNumberZoneData().findings.filter((f) => f.resolution === null);
    const keys = open.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['1907581', '1208201', '1474', '1867', '733']));
    expect(open.find((f) => f.key === '1907581')).toMatchObject({
      claimedRegion: 'US-AK Alaska',
      derivedZones: ['Pacific/Honolulu'],
    });
    const postal = checkPostalZoneData().findings.filter((f) => f.resolution === null);
    expect(postal.map((f) => f.key)).toEqual(expect.arrayContaining(['36867', '89024', '96898']));
  });
});
