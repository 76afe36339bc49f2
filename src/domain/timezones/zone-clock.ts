/**
 * IANA zones for luxon with their UTC offsets memoised. Luxon computes an IANA zone's offset with
 * Intl.DateTimeFormat#formatToParts on every DateTime it builds, which is most of the cost of a
 * compliance decision (a decision builds dozens of local times while it looks for retryAt). The
 * offset is still luxon's (tzdata via Intl, evaluated at decision time, no stored offsets): this
 * wrapper only remembers it per 6-hour bucket of UTC time: one offset, or, for a bucket whose ends
 * differ, the instant of the transition inside it found by bisection to the millisecond. (This
 * assumes at most one transition per 6 hours; tzdata has no zone whose transitions are hours apart.)
 */
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

const BUCKET_MS = 6 * 3_600_000;
/** Buckets remembered per zone before the memo is cleared (ten years of buckets is ~15,000). */
const MAX_BUCKETS_PER_ZONE = 50_000;

function formatOffset(offsetMinutes: number, format: ZoneOffsetFormat): string {
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const hours = Math.trunc(Math.abs(offsetMinutes) / 60);
  const minutes = Math.abs(offsetMinutes) % 60;
  const hh = String(hours).padStart(2, '0');
  const mm = String(minutes).padStart(2, '0');
  switch (format) {
    case 'short':
      return `${sign}${hh}:${mm}`;
    case 'narrow':
      return minutes > 0 ? `${sign}${hours}:${mm}` : `${sign}${hours}`;
    case 'techie':
      return `${sign}${hh}${mm}`;
  }
}

export class MemoizedIanaZone extends Zone {
  private readonly offsets = new Map<number, BucketOffset>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.inner.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.inner.isValid;
  }
  override offsetName(ts: number, opts: ZoneOffsetOptions): string | null {
    return this.inner.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return formatOffset(this.offset(ts), format);
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }

  override offset(ts: number): number {
    const bucket = Math.floor(ts / BUCKET_MS);
    let known = this.offsets.get(bucket);
    if (known === undefined) {
      known = this.learnBucket(bucket);
      if (this.offsets.size >= MAX_BUCKETS_PER_ZONE) this.offsets.clear();
      this.offsets.set(bucket, known);
    }
    if (typeof known === 'number') return known;
    return ts < known.at ? known.before : known.after;
  }

  /** The bucket's offset, or where inside it the offset changes (found to the millisecond). */
  private learnBucket(bucket: number): BucketOffset {
    const start = bucket * BUCKET_MS;
    const before = this.inner.offset(start);
    const after = this.inner.offset(start + BUCKET_MS - 1);
    if (before === after) return before;
    let lo = start; // offset(lo) === before
    let hi = start + BUCKET_MS - 1; // offset(hi) === after
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.inner.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { at: hi, before, after };
  }
}

/** A bucket's offset, or the one transition inside it. */
type BucketOffset = number | { at: number; before: number; after: number };

const zones = new Map<string, MemoizedIanaZone | null>();

/** The memoised zone for an IANA name, or null when the name is not a zone this runtime knows. */
export function ianaZone(name: string): MemoizedIanaZone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(name) ? new MemoizedIanaZone(IANAZone.create(name)) : null;
    zones.set(name, zone);
  }
  return zone;
}

/** The memoised zone for an IANA name; a RangeError naming it when it is not one. */
export function clockOf(name: string): MemoizedIanaZone {
  return zoneOrThrow(name);
}

export function isIanaZone(name: string): boolean {
  return ianaZone(name) !== null;
}

/** Wall-clock fields of an instant in a zone (what a luxon DateTime would hold), without building one. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  minuteOfDay: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
}

function zoneOrThrow(name: string | MemoizedIanaZone): MemoizedIanaZone {
  if (typeof name !== 'string') return name;
  const zone = ianaZone(name);
  if (zone === null) throw new RangeError(`"${name}" is not an IANA time zone`);
  return zone;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const DAY_MS = 86_400_000;

/**
 * The local wall-clock time of `ms` in zone `name` (offset from luxon's IANAZone). Calendar fields
 * by integer arithmetic (H. Hinnant's civil_from_days), not a Date per call: this is the inner loop
 * of every decision.
 */
export function localTimeOf(name: string | MemoizedIanaZone, ms: number): LocalTime {
  const offsetMinutes = zoneOrThrow(name).offset(ms);
  const localMs = ms + offsetMinutes * 60_000;
  const days = Math.floor(localMs / DAY_MS);
  const minuteOfDay = Math.floor((localMs - days * DAY_MS) / 60_000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // 1970-01-01 was a Thursday (ISO 4).
  const weekday = ((((days + 3) % 7) + 7) % 7) + 1;
  return {
    year,
    month,
    day,
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
    weekday,
    minuteOfDay,
    offsetMinutes,
  };
}

/** YYYY-MM-DD, the local date. */
export function isoDateOf(t: LocalTime): string {
  return `${String(t.year).padStart(4, '0')}-${pad2(t.month)}-${pad2(t.day)}`;
}

/**
 * The instant of a local wall-clock time in zone `name`; `day` and `minuteOfDay` may overflow
 * (day 32, minute 1440 roll over as in Date.UTC). Luxon's own rule for ambiguous and skipped local
 * times (its fixOffset): a time repeated by a DST fall-back gets the earlier offset's instant, a
 * time skipped by a spring-forward is moved forward by the gap.
 */
export function instantOfLocal(
  name: string | MemoizedIanaZone,
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
): number {
  const zone = zoneOrThrow(name);
  const localTs = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const o = zone.offset(localTs);
  let guess = localTs - o * 60_000;
  const o2 = zone.offset(guess);
  if (o === o2) return guess;
  guess -= (o2 - o) * 60_000;
  const o3 = zone.offset(guess);
  if (o2 === o3) return guess;
  return localTs - Math.min(o2, o3) * 60_000;
}

/** "2026-03-08T03:00 -04:00", the form the attempt log and the CLI print local times in. */
export function formatLocalTime(t: LocalTime): string {
  return `${isoDateOf(t)}T${pad2(t.hour)}:${pad2(t.minute)} ${formatOffset(t.offsetMinutes, 'short')}`;
}
