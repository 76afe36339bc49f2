/**
 * Checks the generated number and ZIP zone data against the region tables (issue #3: "third-party
 * number→zone data has errors and gaps ... check the zones you derive against the regions they
 * claim"). Each zone derived for a prefix or ZIP code must be one of the zones of the region that the
 * same source says it is in. A disagreement is resolved by an entry of data/zone-overrides.ts or, for
 * Russia, by design (the region table decides, Google's zone pick is not used); one that nothing
 * resolves is a conflict with `resolution: null`, and the unit test fails on it.
 *
 * Run `npm run zones:check` to print the list.
 */
import { IANAZone } from 'luxon';
import { NANP_AREA_REGIONS } from './data/nanp-area-regions.js';
import { PREFIX_ZONES, ZONE_LISTS } from './data/phone-prefix-zones.js';
import { RU_ABC_REGIONS } from './data/ru-abc-regions.js';
import { US_ZIP3, ZIP_STATE_EXCEPTIONS, ZIP_ZONE_LISTS } from './data/us-zip-zones.js';
import {
  NUMBER_ZONE_OVERRIDES,
  POSTAL_ZONE_OVERRIDES,
  UNCHECKED_POSTAL_REGIONS,
  ZONE_SUBSTITUTIONS,
} from './data/zone-overrides.js';
import { longestPrefix, substituteZones, zonesOfRegions } from './number-zones.js';
import { splitZipZones } from './postal-zones.js';
import { regionFor } from './region-zones.js';

export interface ZoneDataFinding {
  readonly kind: 'number' | 'postal';
  /** E.164 digits of a number prefix, a ZIP3 or a ZIP code. */
  readonly key: string;
  /** "US-ID Idaho", "RU-ZAB Забайкальский край", "US-AL (USPS)". */
  readonly claimedRegion: string;
  /** Zones as the source gives them. */
  readonly sourceZones: readonly string[];
  /** Zones used after overrides and substitutions. */
  readonly derivedZones: readonly string[];
  readonly regionZones: readonly string[];
  /** What resolves the disagreement; null: nothing does (a conflict). */
  readonly resolution: string | null;
}

export interface ZoneDataCheck {
  readonly findings: readonly ZoneDataFinding[];
  /** Overrides and substitutions that resolved nothing (candidates for removal). */
  readonly unusedCorrections: readonly string[];
}

const RU_BY_DESIGN =
  "the region table decides (230-FZ: the debtor's place; Google's zone for Russia is picked by offset)";

function isSubset(zones: readonly string[], of: readonly string[]): boolean {
  return zones.every((z) => of.includes(z));
}

function invalidZones(zones: readonly string[]): string[] {
  return zones.filter((z) => !IANAZone.isValidZone(z));
}

/** Number prefixes: NANP map entries against their area code's state or province, Russian ABC prefixes. */
export function checkNumberZoneData(): ZoneDataCheck {
  const findings: ZoneDataFinding[] = [];
  const used = new Set<string>();
  const listOf = (index: number): string[] => (ZONE_LISTS[index] ?? '').split('&');

  for (const zone of new Set([
    ...ZONE_LISTS.flatMap((l) => l.split('&')),
    ...NUMBER_ZONE_OVERRIDES.flatMap((o) => (o.zones === 'region' ? [] : o.zones)),
    ...ZONE_SUBSTITUTIONS.map((s) => s.to),
  ])) {
    if (!IANAZone.isValidZone(zone))
      findings.push({
        kind: 'number',
        key: zone,
        claimedRegion: '(zone name)',
        sourceZones: [zone],
        derivedZones: [zone],
        regionZones: [],
        resolution: null,
      });
  }

  for (const [npa, [codes, name]] of Object.entries(NANP_AREA_REGIONS)) {
    const regionZones = zonesOfRegions(codes);
    const claimedRegion = `${codes} ${name}`;
    if (regionZones === null) {
      findings.push({
        kind: 'number',
        key: `1${npa}`,
        claimedRegion,
        sourceZones: [],
        derivedZones: [],
        regionZones: [],
        resolution: null,
      });
      continue;
    }
    const prefixes = new Set([
      ...Object.keys(PREFIX_ZONES).filter((p) => p.startsWith(`1${npa}`)),
      ...NUMBER_ZONE_OVERRIDES.map((o) => o.prefix).filter((p) => p.startsWith(`1${npa}`)),
    ]);
    for (const prefix of [...prefixes].sort()) {
      const index = PREFIX_ZONES[prefix];
      const sourceZones = index === undefined ? [] : listOf(index);
      const hit = longestPrefix(prefix, prefix.length)!;
      let derivedZones: string[];
      let resolution: string | null = null;
      if (hit.override !== undefined) {
        derivedZones = hit.override.zones === 'region' ? regionZones : hit.zones;
        resolution = `override: ${hit.override.reason}`;
      } else {
        derivedZones = substituteZones(sourceZones, codes);
        const applied = ZONE_SUBSTITUTIONS.filter(
          (s) => sourceZones.includes(s.from) && codes.split('+').includes(s.region),
        );
        if (applied.length > 0) resolution = applied.map((s) => `substitution: ${s.reason}`).join('; ');
      }
      const isSourceOk = isSubset(sourceZones, regionZones);
      const isDerivedOk = isSubset(derivedZones, regionZones) && invalidZones(derivedZones).length === 0;
      if (isSourceOk && isDerivedOk && hit.override === undefined) continue;
      if (resolution !== null) for (const p of [prefix, ...derivedKeys(codes, sourceZones)]) used.add(p);
      findings.push({
        kind: 'number',
        key: prefix,
        claimedRegion,
        sourceZones,
        derivedZones,
        regionZones,
        // An override is a reviewed decision; a substitution must land inside the region.
        resolution: hit.override !== undefined || isDerivedOk ? resolution : null,
      });
    }
  }

  for (const [prefix, [regionKey, name]] of Object.entries(RU_ABC_REGIONS)) {
    const entry = regionKey === '' ? null : regionFor('RU', regionKey);
    const override = NUMBER_ZONE_OVERRIDES.find((o) => o.prefix === prefix);
    const google = longestPrefix(prefix, 2);
    const sourceZones = google?.override === undefined ? (google?.zones ?? []) : [];
    const claimedRegion = `${entry?.code ?? regionKey} ${name}`.trim();
    if (override !== undefined) {
      used.add(prefix);
      findings.push({
        kind: 'number',
        key: prefix,
        claimedRegion,
        sourceZones,
        derivedZones: override.zones === 'region' ? (entry?.zones ?? []) : override.zones,
        regionZones: entry?.zones ?? [],
        resolution: override.zones === 'region' && entry === null ? null : `override: ${override.reason}`,
      });
      continue;
    }
    if (entry !== null && isSubset(sourceZones, entry.zones)) continue;
    findings.push({
      kind: 'number',
      key: prefix,
      claimedRegion,
      sourceZones,
      derivedZones: entry?.zones ?? [],
      regionZones: entry?.zones ?? [],
      resolution: entry === null ? null : RU_BY_DESIGN,
    });
  }

  const unusedCorrections = [
    ...NUMBER_ZONE_OVERRIDES.filter((o) => !used.has(o.prefix)).map((o) => `override ${o.prefix}`),
    ...ZONE_SUBSTITUTIONS.filter((s) => !used.has(`${s.region}:${s.from}`)).map(
      (s) => `substitution ${s.region} ${s.from} → ${s.to}`,
    ),
  ];
  return { findings, unusedCorrections };
}

function derivedKeys(codes: string, sourceZones: readonly string[]): string[] {
  return codes.split('+').flatMap((region) => sourceZones.map((zone) => `${region}:${zone}`));
}

/** ZIP codes: the zones of each ZIP3 (or each ZIP code of a split ZIP3) against the USPS state. */
export function checkPostalZoneData(): ZoneDataCheck {
  const findings: ZoneDataFinding[] = [];
  const used = new Set<string>();
  const overrides = new Map(POSTAL_ZONE_OVERRIDES.map((o) => [o.zip, o]));
  const exceptionsByZip3 = new Map<string, string[]>();
  for (const zip of Object.keys(ZIP_STATE_EXCEPTIONS)) {
    exceptionsByZip3.set(zip.slice(0, 3), [...(exceptionsByZip3.get(zip.slice(0, 3)) ?? []), zip]);
  }
  const listOf = (index: number): string[] => (ZIP_ZONE_LISTS[index] ?? '').split('&');

  const check = (key: string, state: string, sourceZones: string[]): void => {
    const override = overrides.get(key);
    const region = override?.region ?? (state === '' ? '' : `US-${state}`);
    const entry = region === '' ? null : regionFor('US', region);
    const regionZones = entry?.zones ?? [];
    const derivedZones = override?.zones ?? sourceZones;
    const bad = invalidZones(derivedZones);
    if (override !== undefined) used.add(key);
    if (override === undefined && entry !== null && bad.length === 0 && isSubset(sourceZones, regionZones))
      return;
    let resolution: string | null = null;
    if (override !== undefined && bad.length === 0) resolution = `override: ${override.reason}`;
    else if (entry === null && bad.length === 0 && UNCHECKED_POSTAL_REGIONS[state] !== undefined) {
      used.add(`state:${state}`);
      resolution = `accepted unchecked: ${UNCHECKED_POSTAL_REGIONS[state]}`;
    }
    findings.push({
      kind: 'postal',
      key,
      claimedRegion:
        region === ''
          ? `(no state${state === '' ? '' : `: ${state}`})`
          : `${region} (${override?.region === undefined ? 'USPS' : 'zone-overrides'})`,
      sourceZones,
      derivedZones,
      regionZones,
      resolution,
    });
  };

  for (const [zip3, [state, whole, zips]] of Object.entries(US_ZIP3)) {
    if (zips === undefined) {
      const zones = listOf(whole);
      check(zip3, state, zones);
      for (const zip of exceptionsByZip3.get(zip3) ?? []) check(zip, ZIP_STATE_EXCEPTIONS[zip]!, zones);
    } else {
      for (const item of zips.split(' ')) {
        const zip = `${zip3}${item.slice(0, 2)}`;
        check(zip, ZIP_STATE_EXCEPTIONS[zip] ?? state, listOf(splitZipZones(zips, zip)!));
      }
    }
  }
  const unusedCorrections = [
    ...POSTAL_ZONE_OVERRIDES.filter((o) => !used.has(o.zip)).map((o) => `postal override ${o.zip}`),
    ...Object.keys(UNCHECKED_POSTAL_REGIONS)
      .filter((s) => !used.has(`state:${s}`))
      .map((s) => `unchecked postal region ${s}`),
  ];
  return { findings, unusedCorrections };
}
