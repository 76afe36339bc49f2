import { describe, expect, it } from 'vitest';
import { candidateZonesFor, isSameClock } from '../../../src/domain/timezones/candidate-zones.js';

function ok(input: Parameters<typeof candidateZonesFor>[0]) {
  const result = candidateZonesFor(input);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('candidateZonesFor: Russia (230-FZ: the address decides)', () => {
  it('the region decides; the number is not used when the address is known', () => {
    const result = ok({ country: 'RU', region: 'RU-KGD', e164: '+79123456789' });
    expect(result).toMatchObject({ zones: ['Europe/Kaliningrad'], sources: ['region'], conflict: false });
    expect(result.notes).toEqual([expect.stringMatching(/^number not used \(RU mobile \(DEF 912\)/)]);
  });

  it('a Russian number makes the row Russian even without a country: a Samara landline, Kaliningrad address', () => {
    expect(ok({ region: 'Калининградская обл.', e164: '+78462123456' })).toMatchObject({
      zones: ['Europe/Kaliningrad'],
      sources: ['region'],
    });
  });

  it('without an address, the number: every Russian zone for a mobile', () => {
    const result = ok({ country: 'RU', e164: '+79123456789' });
    expect(result.sources).toEqual(['number']);
    expect(result.zones).toEqual(expect.arrayContaining(['Europe/Kaliningrad', 'Asia/Kamchatka']));
  });

  it('an explicit zone of the region narrows it (Sakha spans three offsets)', () => {
    expect(ok({ country: 'RU', region: 'Якутия', explicitZone: 'Asia/Srednekolymsk' })).toMatchObject({
      zones: ['Asia/Srednekolymsk'],
      sources: ['explicit'],
      conflict: false,
    });
  });

  it('an explicit zone outside the region is a second candidate, and a conflict', () => {
    expect(ok({ country: 'RU', region: 'RU-KGD', explicitZone: 'Asia/Kamchatka' })).toMatchObject({
      zones: ['Asia/Kamchatka', 'Europe/Kaliningrad'],
      sources: ['explicit', 'region'],
      conflict: true,
    });
  });
});

describe('candidateZonesFor: United States (Reg F: every place the collector knows of)', () => {
  it("CFPB's example: a California address and a 617 number are both candidates, and conflict", () => {
    expect(ok({ country: 'US', region: 'CA', e164: '+16175550123' })).toMatchObject({
      zones: ['America/Los_Angeles', 'America/New_York'],
      sources: ['region', 'number'],
      conflict: true,
    });
  });

  it('zones with other names but the same clock do not conflict (Massachusetts address, Detroit number)', () => {
    expect(ok({ country: 'US', region: 'MA', e164: '+13135550123' })).toMatchObject({
      zones: ['America/New_York', 'America/Detroit'],
      conflict: false,
    });
    expect(isSameClock('America/Boise', 'America/Denver')).toBe(true);
    expect(isSameClock('America/Phoenix', 'America/Denver')).toBe(false);
    expect(isSameClock('Europe/London', 'Africa/Abidjan')).toBe(false);
  });

  it('region, ZIP code and number that agree', () => {
    expect(ok({ country: 'US', region: 'MA', postalCode: '02108', e164: '+16175550123' })).toMatchObject({
      zones: ['America/New_York'],
      sources: ['region', 'postal', 'number'],
      conflict: false,
    });
  });

  it("sources are united, never narrowed: a north Idaho ZIP code and number still count the region's Mountain time", () => {
    expect(ok({ country: 'US', region: 'ID', postalCode: '83814', e164: '+12082634567' })).toMatchObject({
      zones: ['America/Boise', 'America/Los_Angeles'],
      sources: ['region', 'postal', 'number'],
      conflict: false,
    });
  });

  it('a toll-free number alone gives every US zone', () => {
    const result = ok({ e164: '+18005550123' });
    expect(result.sources).toEqual(['number']);
    expect(result.zones).toEqual(
      expect.arrayContaining(['America/New_York', 'Pacific/Honolulu', 'America/Anchorage']),
    );
  });

  it('notes what it could not use', () => {
    const result = ok({ country: 'US', region: 'Atlantis', postalCode: '2108', e164: '+12125550100' });
    expect(result).toMatchObject({ zones: ['America/New_York'], sources: ['number'] });
    expect(result.notes).toEqual([
      'region "Atlantis" is not a region of US',
      expect.stringMatching(/^postal code not used: postal code "2108" is not a US ZIP code/),
    ]);
  });
});

describe('candidateZonesFor: bad input is an error, never a silent "allowed"', () => {
  it('an impossible explicit zone names the field', () => {
    expect(candidateZonesFor({ explicitZone: 'Mars/Base', e164: '+12125550100' })).toEqual({
      error: '"Mars/Base" is not an IANA time zone such as Europe/Moscow',
      field: 'timezone',
    });
  });

  it('a number of no numbering plan, with nothing else known', () => {
    expect(candidateZonesFor({ e164: '+999123456' })).toEqual({
      error: expect.stringMatching(/\+999123456 matches no numbering plan/),
      field: 'phone',
    });
  });

  it('nothing known at all is an empty list (the dial decision then denies)', () => {
    expect(candidateZonesFor({})).toEqual({
      zones: [],
      sources: [],
      bySource: [],
      conflict: false,
      notes: [],
    });
  });
});
