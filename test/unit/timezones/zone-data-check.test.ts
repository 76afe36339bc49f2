import { describe, expect, it } from 'vitest';
import { checkNumberZoneData, checkPostalZoneData } from '../../../src/domain/timezones/zone-data-check.js';

// A data refresh (scripts/zone-data/build-phone-zones.ts) that brings a zone outside the region its
// prefix or ZIP code claims fails here until zone-overrides.ts says what to do with it.
describe('generated zone data against the region tables (npm run zones:check)', () => {
  it('has no unexplained conflict for number prefixes', () => {
    const { findings } = checkNumberZoneData();
    expect(findings.filter((f) => f.resolution === null)).toEqual([]);
  });

  it('has no unexplained conflict for ZIP codes', () => {
    const { findings } = checkPostalZoneData();
    expect(findings.filter((f) => f.resolution === null)).toEqual([]);
  });

  it('every correction in zone-overrides.ts still resolves something', () => {
    expect(checkNumberZoneData().unusedCorrections).toEqual([]);
    expect(checkPostalZoneData().unusedCorrections).toEqual([]);
  });

  it("lists the disagreements it resolves, e.g. Google's zone picks for Russia and Idaho", () => {
    const byKey = new Map(checkNumberZoneData().findings.map((f) => [f.key, f]));
    expect(byKey.get('7302')).toMatchObject({
      sourceZones: ['Asia/Yakutsk'],
      derivedZones: ['Asia/Chita'],
      resolution: expect.stringContaining('region table decides'),
    });
    expect(byKey.get('740')).toMatchObject({
      sourceZones: ['Europe/Bucharest'],
      derivedZones: ['Europe/Kaliningrad'],
    });
    expect(byKey.get('1208201')).toMatchObject({
      claimedRegion: 'US-ID Idaho',
      sourceZones: ['America/Denver'],
      derivedZones: ['America/Boise'],
      resolution: expect.stringContaining('substitution'),
    });
    expect(byKey.get('1907581')).toMatchObject({
      sourceZones: ['Pacific/Honolulu'],
      derivedZones: ['America/Nome'],
      resolution: expect.stringContaining('override'),
    });
  });
});
