/**
 * Phone number → candidate IANA zones (issue #3 part 3), from data generated out of Google
 * libphonenumber (data/*.ts, scripts/zone-data/build-phone-zones.ts) and corrected by
 * data/zone-overrides.ts. Pure: no I/O, no clock; zones are names, evaluated with luxon at decision time.
 *
 * - NANP (+1): the longest prefix of Google's timezone map (area code + exchange, then area code); a
 *   zone the map picks is replaced by the region table's zone where they differ only by name
 *   (ZONE_SUBSTITUTIONS). With no entry, the area code's state or province gives its zones. Toll-free,
 *   5XX and other non-geographic codes say nothing about the place: every zone of the country.
 * - Russia (+7): a geographic (ABC) number gives the region the geocoder names, and that region's zones
 *   from RU_REGION_ZONES, not Google's zone pick (which is by offset: 7302 Chita → Asia/Yakutsk). A
 *   mobile (DEF, +79…) or non-geographic number says nothing about where its owner lives: every Russian
 *   zone, Kaliningrad to Kamchatka. 230-FZ counts the debtor's place of residence, so for Russia the
 *   address decides anyway (candidate-zones.ts); the number is the last resort.
 * - Other countries: Google's map when it has a prefix longer than the country code, else every zone of
 *   the country code.
 * Several zones mean "somewhere among these": the caller allows only the intersection of their windows
 * (Reg F 1006.6(b)(1) commentary; US-REGF-TZ-AMBIGUITY).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { NANP_AREA_REGIONS } from './data/nanp-area-regions.js';
import { PREFIX_ZONES, ZONE_LISTS } from './data/phone-prefix-zones.js';
import { RU_ABC_REGIONS } from './data/ru-abc-regions.js';
import { NUMBER_ZONE_OVERRIDES, ZONE_SUBSTITUTIONS, type NumberZoneOverride } from './data/zone-overrides.js';
import { regionFor, REGION_TABLES } from './region-zones.js';

export type NumberZones =
  | {
      zones: string[];
      /** Where the zones come from, for people: "NANP 208 Idaho", "RU mobile (DEF 912): unknown region". */
      basis: string;
      /** ISO 3166-2 code(s) of the region the number claims, '+'-joined ("US-ID", "CA-NS+CA-PE"). */
      region?: string;
      /** ISO 3166-1 country of the number (libphonenumber), when it has one. */
      country?: string;
    }
  | { error: string };

const NANP = '1';
const RUSSIA = '7';

/** US regions that are not states or DC; their numbers have their own country in libphonenumber. */
const US_NON_STATES: ReadonlySet<string> = new Set(['US-PR', 'US-VI', 'US-GU', 'US-MP', 'US-AS', 'US-UM']);

const OVERRIDES: ReadonlyMap<string, NumberZoneOverride> = new Map(
  NUMBER_ZONE_OVERRIDES.map((o) => [o.prefix, o]),
);

/** Words for libphonenumber's types of numbers that carry no place. */
const NON_GEOGRAPHIC: Readonly<Record<string, string>> = {
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  PERSONAL_NUMBER: 'personal',
  VOIP: 'VoIP',
  UAN: 'UAN',
  PAGER: 'pager',
  VOICEMAIL: 'voicemail',
};

function unique(zones: Iterable<string>): string[] {
  return [...new Set(zones)];
}

/** Every zone of a country's region table (US: the states and DC, not the territories). */
export function countryZones(countryIso2: string): string[] {
  const table = REGION_TABLES.get(countryIso2) ?? [];
  return unique(
    table.filter((r) => r.code === undefined || !US_NON_STATES.has(r.code)).flatMap((r) => r.zones),
  );
}

/** Zones of '+'-joined ISO 3166-2 codes ("CA-NS+CA-PE"); null if one of them is unknown. */
export function zonesOfRegions(codes: string): string[] | null {
  const zones: string[] = [];
  for (const code of codes.split('+')) {
    const entry = regionFor(code.slice(0, 2), code);
    if (entry === null) return null;
    zones.push(...entry.zones);
  }
  return unique(zones);
}

/** The longest prefix of `digits` (at least `minLength` long) in the map or the overrides. */
export function longestPrefix(
  digits: string,
  minLength: number,
): { prefix: string; override?: NumberZoneOverride; zones: string[] } | null {
  for (let n = digits.length; n >= minLength; n -= 1) {
    const prefix = digits.slice(0, n);
    const override = OVERRIDES.get(prefix);
    if (override !== undefined)
      return { prefix, override, zones: override.zones === 'region' ? [] : [...override.zones] };
    const index = PREFIX_ZONES[prefix];
    if (index !== undefined) return { prefix, zones: (ZONE_LISTS[index] ?? '').split('&') };
  }
  return null;
}

const NANP_EXCHANGE_DIGITS = NANP.length + 6;
const zonesUnderCache = new Map<string, string[]>();

/**
 * Every zone the map (and the overrides) give anywhere under a prefix. Google's map gives an area code
 * the zone of most of its exchanges and lists the others (1850 → America/New_York, with 172 Florida
 * panhandle exchanges on America/Chicago; 1423 → America/Chicago, with 176 East Tennessee exchanges on
 * America/New_York): an exchange it does not list may be on either side of the line.
 */
export function zonesUnder(prefix: string): string[] {
  const cached = zonesUnderCache.get(prefix);
  if (cached !== undefined) return cached;
  const zones = new Set<string>();
  for (const [key, index] of Object.entries(PREFIX_ZONES))
    if (key.length > prefix.length && key.startsWith(prefix) && !OVERRIDES.has(key))
      for (const zone of (ZONE_LISTS[index] ?? '').split('&')) zones.add(zone);
  for (const o of NUMBER_ZONE_OVERRIDES)
    if (o.prefix.length > prefix.length && o.prefix.startsWith(prefix) && o.zones !== 'region')
      for (const zone of o.zones) zones.add(zone);
  const result = [...zones];
  zonesUnderCache.set(prefix, result);
  return result;
}

/** Google's zones for a NANP prefix replaced by the region table's zone where only the name differs. */
export function substituteZones(zones: readonly string[], regionCodes: string | undefined): string[] {
  if (regionCodes === undefined) return [...zones];
  const regions = regionCodes.split('+');
  return unique(
    zones.map(
      (zone) => ZONE_SUBSTITUTIONS.find((s) => s.from === zone && regions.includes(s.region))?.to ?? zone,
    ),
  );
}

/**
 * The candidate zones of a number written in E.164 ("+12085550123"), with the basis for them; an error
 * naming the number when it matches no numbering plan or no zone data. Never an empty list.
 */
export function zonesForNumber(e164: string): NumberZones {
  const parsed = parsePhoneNumberFromString(e164.trim());
  if (parsed === undefined)
    return { error: `${e164.trim()} matches no numbering plan (write it as E.164: +<country code><number>)` };
  const where = parsed.country ?? `+${parsed.countryCallingCode}`;
  if (!parsed.isValid()) return { error: `${parsed.number} matches no numbering plan of ${where}` };
  const national = String(parsed.nationalNumber);
  const type = parsed.getType();
  const result =
    parsed.countryCallingCode === NANP
      ? nanpZones(national, parsed.country, type)
      : parsed.countryCallingCode === RUSSIA && parsed.country === 'RU'
        ? russianZones(national, type)
        : otherZones(parsed.countryCallingCode, national, where);
  return 'error' in result || parsed.country === undefined ? result : { ...result, country: parsed.country };
}

function nanpZones(national: string, country: string | undefined, type: string | undefined): NumberZones {
  const npa = national.slice(0, 3);
  const area = NANP_AREA_REGIONS[npa];
  const place = area?.[1] ?? country ?? 'NANP';
  const kind = type === undefined ? undefined : NON_GEOGRAPHIC[type];
  const hit = kind === undefined ? longestPrefix(`${NANP}${national}`, NANP.length + 3) : null;
  if (hit !== null) {
    const exchange = hit.prefix.slice(NANP.length + 3);
    const isWholeExchange = hit.prefix.length >= NANP_EXCHANGE_DIGITS;
    const others = hit.override !== undefined || isWholeExchange ? [] : zonesUnder(hit.prefix);
    const isSplit = others.some((z) => !hit.zones.includes(z));
    const basis =
      `NANP ${npa}${exchange === '' ? '' : `-${exchange}`} ${place}` +
      (isSplit ? ' (exchange not in the data: every zone used under this prefix)' : '');
    const zones =
      hit.override?.zones === 'region'
        ? area === undefined
          ? null
          : zonesOfRegions(area[0])
        : hit.override !== undefined
          ? hit.zones
          : substituteZones(unique([...hit.zones, ...others]), area?.[0]);
    if (zones !== null && zones.length > 0) return { zones, basis, ...(area ? { region: area[0] } : {}) };
  }
  if (area !== undefined && kind === undefined) {
    const zones = zonesOfRegions(area[0]);
    if (zones !== null) return { zones, basis: `NANP ${npa} ${place}`, region: area[0] };
  }
  // Toll-free (8XX), personal (5XX), premium (900), a new area code: no place.
  const all = country === 'US' || country === 'CA' ? countryZones(country) : [];
  const zones = all.length > 0 ? all : (longestPrefix(NANP, 1)?.zones ?? []);
  const what = kind === undefined ? 'no area data' : `${kind} number`;
  return { zones, basis: `NANP ${npa}: ${what}, location unknown: every zone of ${country ?? '+1'}` };
}

function russianZones(national: string, type: string | undefined): NumberZones {
  const code = national.slice(0, 3);
  const digits = `${RUSSIA}${national}`;
  for (let n = digits.length; n > RUSSIA.length; n -= 1) {
    const prefix = digits.slice(0, n);
    const override = OVERRIDES.get(prefix);
    const abc = RU_ABC_REGIONS[prefix];
    if (override !== undefined && override.zones !== 'region')
      return {
        zones: [...override.zones],
        basis: `RU ABC ${code}${abc === undefined ? '' : ` ${abc[1]}`} (zone-overrides)`,
      };
    const entry = abc === undefined || abc[0] === '' ? null : regionFor('RU', abc[0]);
    if (entry !== null)
      return {
        zones: [...entry.zones],
        basis: `RU ABC ${code} ${entry.names[0] ?? abc![1]}`,
        ...(entry.code === undefined ? {} : { region: entry.code }),
      };
  }
  const what =
    type === 'MOBILE' || national.startsWith('9')
      ? `mobile (DEF ${code})`
      : type !== undefined && NON_GEOGRAPHIC[type] !== undefined
        ? `${NON_GEOGRAPHIC[type]} (${code})`
        : `ABC ${code}, not in the region data,`;
  return { zones: countryZones('RU'), basis: `RU ${what}: unknown region` };
}

function otherZones(callingCode: string, national: string, where: string): NumberZones {
  const hit = longestPrefix(`${callingCode}${national}`, callingCode.length);
  if (hit === null || hit.zones.length === 0)
    return { error: `+${callingCode}${national} (${where}): no time zone data for +${callingCode}` };
  if (hit.prefix.length > callingCode.length) return { zones: hit.zones, basis: `${where} +${hit.prefix}` };
  return { zones: hit.zones, basis: `${where}: no prefix data, every zone of +${callingCode}` };
}
