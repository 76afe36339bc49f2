import { describe, expect, it } from 'vitest';
import { zonesForPostalCode } from '../../../src/domain/timezones/postal-zones.js';

describe('zonesForPostalCode: US ZIP codes', () => {
  it.each([
    ['02108', ['America/New_York'], 'US-MA'],
    ['02108-1234', ['America/New_York'], 'US-MA'],
    ['83814', ['America/Los_Angeles'], 'US-ID'], // Coeur d'Alene: north Idaho is Pacific
    ['83201', ['America/Boise'], 'US-ID'], // Pocatello
    ['97914', ['America/Boise'], 'US-OR'], // Ontario, OR (Malheur County)
    ['32501', ['America/Chicago'], 'US-FL'], // Pensacola
    ['32301', ['America/New_York'], 'US-FL'], // Tallahassee
    ['46301', ['America/Chicago'], 'US-IN'], // a split ZIP3: 463 is Central and Eastern
    ['36867', ['America/Chicago', 'America/New_York'], 'US-AL'], // Phenix City: zone-overrides
  ])('%s → %j', (zip, zones, region) => {
    expect(zonesForPostalCode('US', zip)).toMatchObject({ zones, region });
  });

  it('a ZIP code missing from a split ZIP3 gets every zone of the ZIP3', () => {
    const result = zonesForPostalCode('US', '46399');
    expect(result).toMatchObject({
      basis: expect.stringContaining('not in the data: every zone of ZIP3 463'),
    });
    expect('zones' in result! && result.zones.length).toBeGreaterThan(1);
  });

  it('errors name the code; other countries have no postal data', () => {
    expect(zonesForPostalCode('US', '2108')).toEqual({
      error: expect.stringMatching(/"2108" is not a US ZIP code/),
    });
    expect(zonesForPostalCode('US', '00000')).toEqual({ error: expect.stringMatching(/ZIP 00000/) });
    expect(zonesForPostalCode('RU', '236000')).toBeNull();
  });
});
