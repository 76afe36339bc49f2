/**
 * Postal code → candidate IANA zones. Only US ZIP codes have data (data/us-zip-zones.ts, generated
 * from the ziptz data by scripts/zone-data/build-phone-zones.ts; corrections in data/zone-overrides.ts).
 * A ZIP code names a delivery area, not a boundary, and some straddle a time zone line; a ZIP3 whose
 * codes fall in several zones lists each code, and a code missing from the data gets every zone of its
 * ZIP3. Russian postal codes (индекс) are not used: 230-FZ takes the address's region.
 */
import { US_ZIP3, ZIP_STATE_EXCEPTIONS, ZIP_ZONE_LISTS } from './data/us-zip-zones.js';
import { POSTAL_ZONE_OVERRIDES, type PostalZoneOverride } from './data/zone-overrides.js';

export type PostalZones =
  | {
      zones: string[];
      /** "ZIP 83814 (ZIP3 838, ID)". */
      basis: string;
      /** ISO 3166-2 code of the state the ZIP code is in, as USPS assigns it. */
      region?: string;
    }
  | { error: string };

/** Countries whose addresses use US ZIP codes: the US and its territories (ISO 3166-1 codes). */
const ZIP_COUNTRIES: ReadonlySet<string> = new Set(['US', 'PR', 'VI', 'GU', 'MP', 'AS', 'UM']);
const ZIP = /^(\d{5})(?:[-\s]?\d{4})?$/;

const OVERRIDES: ReadonlyMap<string, PostalZoneOverride> = new Map(
  POSTAL_ZONE_OVERRIDES.map((o) => [o.zip, o]),
);

function zoneList(index: number): string[] {
  return (ZIP_ZONE_LISTS[index] ?? '').split('&').filter((z) => z !== '');
}

/** The zone list index of one ZIP code of a split ZIP3 ("NN:i NN:i …"), or undefined. */
export function splitZipZones(zips: string, zip: string): number | undefined {
  const tail = `${zip.slice(3)}:`;
  const item = zips.split(' ').find((z) => z.startsWith(tail));
  return item === undefined ? undefined : Number(item.slice(tail.length));
}

/** The USPS state of a ZIP code in the data ("" when unknown). */
export function zipState(zip: string): string {
  return ZIP_STATE_EXCEPTIONS[zip] ?? US_ZIP3[zip.slice(0, 3)]?.[0] ?? '';
}

/**
 * The candidate zones of a postal code; null when there is no postal data for the country (every
 * country but the US and its territories); an error naming the code when it is not a ZIP code or is
 * not in the data.
 */
export function zonesForPostalCode(countryIso2: string, postalCode: string): PostalZones | null {
  if (!ZIP_COUNTRIES.has(countryIso2.trim().toUpperCase())) return null;
  const text = postalCode.trim();
  const m = ZIP.exec(text);
  if (m === null)
    return { error: `postal code "${text.slice(0, 20)}" is not a US ZIP code (5 digits or ZIP+4)` };
  const zip = m[1]!;
  const zip3 = zip.slice(0, 3);
  const state = zipState(zip);
  const override = OVERRIDES.get(zip) ?? OVERRIDES.get(zip3);
  if (override !== undefined)
    return {
      zones: [...override.zones],
      basis: `ZIP ${zip} (zone-overrides)`,
      ...(override.region !== undefined
        ? { region: override.region }
        : state
          ? { region: `US-${state}` }
          : {}),
    };
  const entry = US_ZIP3[zip3];
  if (entry === undefined) return { error: `ZIP ${zip}: no time zone data for ZIP3 ${zip3}` };
  const region = state === '' ? {} : { region: `US-${state}` };
  const [, whole, zips] = entry;
  if (zips === undefined)
    return { zones: zoneList(whole), basis: `ZIP ${zip} (ZIP3 ${zip3}, ${state})`, ...region };
  const own = splitZipZones(zips, zip);
  if (own !== undefined) return { zones: zoneList(own), basis: `ZIP ${zip} (${state})`, ...region };
  return {
    zones: zoneList(whole),
    basis: `ZIP ${zip} not in the data: every zone of ZIP3 ${zip3} (${state})`,
    ...region,
  };
}
