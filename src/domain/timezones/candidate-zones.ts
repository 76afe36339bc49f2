/**
 * The candidate zones of one phone from everything a lead list says about where its person is
 * (issue #3 part 3): the `timezone` column, the address's region and postal code, and the number.
 * The caller allows a call only inside the windows of every candidate (the intersection).
 *
 * Precedence, where a law names the place:
 * - Russia (the row's country or the number's is RU): 230-FZ art. 7 p.3(1) counts hours "at the
 *   debtor's place of residence or stay known to the creditor", so the explicit zone and the address
 *   region decide; a number is used only when neither is there (a mobile number's prefix says nothing
 *   about where its owner lives).
 * - Everywhere else: Reg F 1006.6(b)(1) commentary — a collector with information that the consumer
 *   may be in different time zones (area code and address disagree) may call only at times convenient
 *   in all of them. Every source is a candidate: the union of their zones, and `conflict` when two of
 *   them name disjoint sets.
 * An explicit zone that is one of the region's zones narrows the region (the column exists to say
 * which zone of a split region, docs/lead-lists.md); one outside it is a second candidate.
 */
import { IANAZone } from 'luxon';
import { zonesForNumber } from './number-zones.js';
import { zonesForPostalCode } from './postal-zones.js';
import { regionFor } from './region-zones.js';

export type ZoneSource = 'explicit' | 'region' | 'postal' | 'number';

export interface CandidateZonesInput {
  /** The row's ISO 3166-1 country, when the list has one. */
  readonly country?: string | null;
  readonly explicitZone?: string | null;
  readonly region?: string | null;
  readonly postalCode?: string | null;
  readonly e164?: string | null;
}

export interface SourceZones {
  readonly source: ZoneSource;
  /** For people: "Idaho", "ZIP 83814 (ZIP3 838, ID)", "NANP 208 Idaho". */
  readonly basis: string;
  readonly zones: readonly string[];
}

export type CandidateZones =
  | {
      /** Every candidate zone, each once; empty when nothing is known. */
      zones: string[];
      /** The sources used, in precedence order: ['region', 'number']. */
      sources: ZoneSource[];
      bySource: SourceZones[];
      /**
       * Two of the sources name disjoint zone sets (the address and the number disagree, …); zones that
       * keep the same clock (America/Detroit, America/New_York) count as one.
       */
      conflict: boolean;
      /** What was not used and why ("number not used: …", "region "X" is unknown"). */
      notes: string[];
    }
  | { error: string; field: 'timezone' | 'phone' };

/**
 * Instants on which two zones must show the same UTC offset to count as one clock for `conflict`:
 * weekly through 2025 and 2026, so DST rules on both hemispheres are seen. Fixed, not "now": the result
 * only decides whether to report a disagreement; the windows are always checked in every zone by name.
 */
const CLOCK_SAMPLE_START_MS = Date.UTC(2025, 0, 1);
const CLOCK_SAMPLE_STEP_MS = 7 * 24 * 3600 * 1000;
const CLOCK_SAMPLES = 105;
const sameClockCache = new Map<string, boolean>();

/** America/Detroit and America/New_York, or America/Boise and America/Denver, keep the same clock. */
export function isSameClock(a: string, b: string): boolean {
  if (a === b) return true;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  const cached = sameClockCache.get(key);
  if (cached !== undefined) return cached;
  const za = IANAZone.create(a);
  const zb = IANAZone.create(b);
  let isSame = za.isValid && zb.isValid;
  for (let i = 0; isSame && i < CLOCK_SAMPLES; i += 1) {
    const ts = CLOCK_SAMPLE_START_MS + i * CLOCK_SAMPLE_STEP_MS;
    isSame = za.offset(ts) === zb.offset(ts);
  }
  sameClockCache.set(key, isSame);
  return isSame;
}

/** No zone of one set keeps the clock of a zone of the other. */
function isDisjoint(a: readonly string[], b: readonly string[]): boolean {
  return !a.some((za) => b.some((zb) => isSameClock(za, zb)));
}

function regionCountry(input: CandidateZonesInput, numberCountry: string | undefined): string {
  const prefixed = /^([A-Za-z]{2})-/.exec(input.region ?? '')?.[1]?.toUpperCase();
  return input.country?.trim().toUpperCase() || prefixed || numberCountry || 'RU';
}

export function candidateZonesFor(input: CandidateZonesInput): CandidateZones {
  const notes: string[] = [];
  const explicitZone = input.explicitZone?.trim() || null;
  if (explicitZone !== null && !IANAZone.isValidZone(explicitZone))
    return {
      error: `"${explicitZone.slice(0, 40)}" is not an IANA time zone such as Europe/Moscow`,
      field: 'timezone',
    };

  const e164 = input.e164?.trim() || null;
  const byNumber = e164 === null ? null : zonesForNumber(e164);
  const numberCountry = byNumber !== null && !('error' in byNumber) ? byNumber.country : undefined;
  const country = input.country?.trim().toUpperCase() || numberCountry;

  // The place: the explicit column and the address region.
  const place: SourceZones[] = [];
  const region = input.region?.trim() || null;
  const entry = region === null ? null : regionFor(regionCountry(input, numberCountry), region);
  if (region !== null && entry === null)
    notes.push(`region "${region.slice(0, 40)}" is not a region of ${regionCountry(input, numberCountry)}`);
  const regionName = entry === null ? '' : [entry.code, entry.names[0]].filter(Boolean).join(' ');
  if (explicitZone !== null && entry !== null && entry.zones.includes(explicitZone)) {
    place.push({ source: 'explicit', basis: explicitZone, zones: [explicitZone] });
    notes.push(`timezone ${explicitZone} narrows region ${regionName} (one of its zones)`);
  } else {
    if (explicitZone !== null) place.push({ source: 'explicit', basis: explicitZone, zones: [explicitZone] });
    if (entry !== null) place.push({ source: 'region', basis: regionName, zones: [...entry.zones] });
  }

  const isRussia = input.country?.trim().toUpperCase() === 'RU' || numberCountry === 'RU';
  const used: SourceZones[] = [...place];
  if (!isRussia && input.postalCode?.trim() && country !== undefined) {
    const byPostal = zonesForPostalCode(country, input.postalCode);
    if (byPostal !== null && 'error' in byPostal) notes.push(`postal code not used: ${byPostal.error}`);
    else if (byPostal !== null) used.push({ source: 'postal', basis: byPostal.basis, zones: byPostal.zones });
  }
  if (byNumber !== null) {
    if ('error' in byNumber) {
      if (used.length === 0) return { error: byNumber.error, field: 'phone' };
      notes.push(`number not used: ${byNumber.error}`);
    } else if (isRussia && place.length > 0) {
      notes.push(
        `number not used (${byNumber.basis}): 230-FZ counts the debtor's place of residence, which the address gives`,
      );
    } else {
      used.push({ source: 'number', basis: byNumber.basis, zones: byNumber.zones });
    }
  }

  const conflict = used.some((a, i) => used.slice(i + 1).some((b) => isDisjoint(a.zones, b.zones)));
  return {
    zones: [...new Set(used.flatMap((s) => s.zones))],
    sources: used.map((s) => s.source),
    bySource: used,
    conflict,
    notes,
  };
}
