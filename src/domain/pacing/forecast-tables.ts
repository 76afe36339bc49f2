/**
 * The predictive policy's forecasts (research/pacing.md §6, inner loop steps 1–2): from the latest
 * handle times and attempt results, the chance that an agent in talk or wrap is free within each
 * look-ahead horizon, and that a call in flight turns live within it; plus the normal approximation
 * of the expected overflow that step 3 bounds. Pure: samples in, tables out.
 */

/** Look-ahead horizons, seconds: they span the time from a dial to a live answer. */
export const HORIZONS = [4, 8, 12, 16, 20] as const;
// `decide` unrolls its sums over exactly these five horizons.
HORIZONS.length satisfies 5;
/** Survival tables are rebuilt this often (seconds) and cover this many seconds of elapsed time. */
export const TABLE_REFRESH_SECONDS = 60;
const TALK_TABLE_SECONDS = 1800;
/** The talk table's rows are this many seconds apart (its chances change slowly with elapsed talk). */
const TALK_BIN_SECONDS = 5;
const TALK_ROWS = TALK_TABLE_SECONDS / TALK_BIN_SECONDS;
const WRAP_TABLE_SECONDS = 600;
const RING_TABLE_SECONDS = 90;
/** Wrap durations are folded into a talk agent's chance of freeing up through this many quantiles. */
const WRAP_QUANTILES = 12;
/** Outcome codes kept in the resolved ring beside the times. */
export const KIND_OTHER = 0;
export const KIND_PERSON = 1;
export const KIND_MACHINE = 2;

/** A fixed-size ring of numbers. */
export class Ring {
  private readonly values: number[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(value: number): void {
    if (this.values.length < this.size) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }
  get length(): number {
    return this.values.length;
  }
  all(): readonly number[] {
    return this.values;
  }
}

/**
 * Cumulative counts on whole seconds: `atMost[x]` = how many samples are ≤ x, for x = 0…maxSeconds
 * (a sample v is ≤ a whole x exactly when ⌈v⌉ ≤ x). Loaded in one pass, no sort; every chance the
 * tables need is asked at whole seconds, so lookups are exact and O(1).
 */
class SecondsCdf {
  readonly atMost: Int32Array;
  total = 0;
  /** The longest sample, in whole seconds (rounded up; 0 when none). */
  longest = 0;
  constructor(readonly maxSeconds: number) {
    this.atMost = new Int32Array(maxSeconds + 1);
  }
  /** Loads the samples whose `kinds` entry equals `kind` (all of them when `kinds` is null). */
  load(samples: readonly number[], kinds: readonly number[] | null = null, kind = 0): void {
    const { atMost, maxSeconds } = this;
    atMost.fill(0);
    let total = 0;
    let longest = 0;
    for (let j = 0; j < samples.length; j += 1) {
      if (kinds !== null && kinds[j] !== kind) continue;
      total += 1;
      const bin = Math.max(0, Math.ceil(samples[j]!));
      if (bin > longest) longest = bin;
      if (bin <= maxSeconds) atMost[bin] = atMost[bin]! + 1;
    }
    for (let x = 1; x <= maxSeconds; x += 1) atMost[x] = atMost[x]! + atMost[x - 1]!;
    this.total = total;
    this.longest = longest;
  }
  /** The smallest whole second by which a share `q` of the samples has ended (∞ beyond the table). */
  quantile(q: number): number {
    const rank = Math.floor(q * this.total);
    let lo = 0;
    let hi = this.maxSeconds + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.atMost[mid]! > rank) hi = mid;
      else lo = mid + 1;
    }
    return lo > this.maxSeconds ? Number.POSITIVE_INFINITY : lo;
  }
}

const H = HORIZONS.length;

/**
 * ⌊x⌋ clamped to 0…max (NaN reads 0). The hot path of `decide` runs this for every agent and call:
 * truncating with `| 0` once x is known to be in range stays in integers, where Math.floor and
 * Math.min/max on doubles measured about a third of the whole decision.
 */
function wholeIndex(x: number, max: number): number {
  if (x >= max) return max;
  if (x > 0) return x | 0;
  return 0;
}
const LONGEST_HORIZON = HORIZONS[H - 1]!;

/**
 * The forecast tables, rebuilt from the latest samples every TABLE_REFRESH_SECONDS: for an agent in
 * talk or wrap with a given elapsed time, the chance of being free within each horizon; for a call in
 * flight with a given elapsed ring time, the chance of turning live within each horizon. All rows
 * (361 talk, 601 wrap, 91 ring) are filled at each rebuild, a few tens of microseconds a minute, so a
 * lookup is a bare index (filling rows on first use measured slower: a check on every lookup).
 */
export class ForecastTables {
  builtAt = Number.NEGATIVE_INFINITY;
  /** Share of resolved attempts that were live. */
  liveShare = 0;
  /** Median seconds from dial to a live answer. */
  medianLiveSeconds = 10;
  /** The first horizon at or beyond the median time to a live answer (small-team mode looks there). */
  medianHorizon = 0;
  /** Of the answered attempts (people and machines), the share that were people. */
  humanShareOfAnswers = 0.5;
  /** [row][horizon]: an agent in talk for row × TALK_BIN_SECONDS is free (talk and wrap over) within H. */
  readonly talkFree = new Float64Array((TALK_ROWS + 1) * H);
  /** [elapsed second][horizon]: an agent in wrap is free within H. */
  readonly wrapFree = new Float64Array((WRAP_TABLE_SECONDS + 1) * H);
  /** [elapsed second][horizon]: a call in flight becomes live within H. */
  readonly liveWithin = new Float64Array((RING_TABLE_SECONDS + 1) * H);
  private readonly talk = new SecondsCdf(TALK_TABLE_SECONDS + LONGEST_HORIZON);
  private readonly wrap = new SecondsCdf(WRAP_TABLE_SECONDS + LONGEST_HORIZON);
  private readonly all = new SecondsCdf(RING_TABLE_SECONDS + LONGEST_HORIZON);
  private readonly live = new SecondsCdf(RING_TABLE_SECONDS + LONGEST_HORIZON);
  private readonly wrapQuantiles = new Float64Array(WRAP_QUANTILES);
  private readonly talkOffsets = new Int32Array(H * WRAP_QUANTILES);
  private readonly talkOffsetCounts = new Int32Array(H);

  rebuild(
    now: number,
    talkSamples: readonly number[],
    wrapSamples: readonly number[],
    resolvedTimes: readonly number[],
    resolvedKinds: readonly number[],
  ): void {
    this.builtAt = now;
    this.talk.load(talkSamples);
    this.wrap.load(wrapSamples);
    this.all.load(resolvedTimes);
    this.live.load(resolvedTimes, resolvedKinds, KIND_PERSON);
    let machines = 0;
    for (let j = 0; j < resolvedKinds.length; j += 1) if (resolvedKinds[j] === KIND_MACHINE) machines += 1;
    for (let q = 0; q < WRAP_QUANTILES; q += 1)
      this.wrapQuantiles[q] = this.wrap.total ? this.wrap.quantile((q + 0.5) / WRAP_QUANTILES) : 30;
    const allAtMost = this.all.atMost;
    const liveAtMost = this.live.atMost;
    for (let e = 0; e <= RING_TABLE_SECONDS; e += 1) {
      const unresolved = this.all.total - allAtMost[e]!;
      const liveEnded = liveAtMost[e]!;
      for (let i = 0; i < H; i += 1)
        this.liveWithin[e * H + i] =
          unresolved === 0 ? 0 : (liveAtMost[e + HORIZONS[i]!]! - liveEnded) / unresolved;
    }
    this.fillTalk();
    this.fillWrap();
    const live = this.live.total;
    this.liveShare = resolvedTimes.length ? live / resolvedTimes.length : 0;
    this.medianLiveSeconds = live ? this.live.quantile(0.5) : 10;
    this.medianHorizon = Math.max(
      0,
      HORIZONS.findIndex((x) => x >= this.medianLiveSeconds),
    );
    this.humanShareOfAnswers = live + machines > 0 ? live / (live + machines) : 0.5;
  }

  /** Offset in `talkFree` of the row for an agent `elapsed` seconds into talk. */
  talkRow(elapsed: number): number {
    return wholeIndex(elapsed / TALK_BIN_SECONDS, TALK_ROWS) * H;
  }

  /** Offset in `wrapFree` of the row for an agent `elapsed` seconds into wrap. */
  wrapRow(elapsed: number): number {
    return wholeIndex(elapsed, WRAP_TABLE_SECONDS) * H;
  }

  /** Offset in `liveWithin` of the row for a call ringing for `elapsed` seconds. */
  static ringRow(elapsed: number): number {
    return wholeIndex(elapsed, RING_TABLE_SECONDS) * H;
  }

  /**
   * Free within H = talk ends within H − wrap, averaged over the wrap quantiles:
   * Σ_w [F(e + H − w) − F(e)] / (n − F(e)) over the quantiles w < H. Table sizes keep every
   * e + H − w inside the cumulative counts. The sums are of whole counts, so exact in any order.
   */
  private fillTalk(): void {
    const atMost = this.talk.atMost;
    const total = this.talk.total;
    const out = this.talkFree;
    // For each horizon, the offsets H − w of the wrap quantiles w < H (ascending: a prefix of them).
    const offsets = this.talkOffsets;
    const counts = this.talkOffsetCounts;
    for (let i = 0; i < H; i += 1) {
      let n = 0;
      while (n < WRAP_QUANTILES && this.wrapQuantiles[n]! < HORIZONS[i]!) {
        offsets[i * WRAP_QUANTILES + n] = HORIZONS[i]! - this.wrapQuantiles[n]!;
        n += 1;
      }
      counts[i] = n;
    }
    for (let row = 0, o = 0; row <= TALK_ROWS; row += 1, o += H) {
      const e = row * TALK_BIN_SECONDS;
      const ended = atMost[e]!;
      const beyond = total - ended;
      // No sample this long, or none ending within the longest horizon: no chance of freeing up
      // (with long-tailed talk times, most rows).
      if (beyond === 0 || atMost[e + LONGEST_HORIZON] === ended) {
        for (let i = 0; i < H; i += 1) out[o + i] = 0;
        continue;
      }
      for (let i = 0; i < H; i += 1) {
        let sum = 0;
        const n = counts[i]!;
        for (let q = 0; q < n; q += 1) sum += atMost[e + offsets[i * WRAP_QUANTILES + q]!]!;
        out[o + i] = (sum - n * ended) / beyond / WRAP_QUANTILES;
      }
    }
  }

  /** Free within H = wrap ends within H: [F(e + H) − F(e)] / (n − F(e)); 1 past every sample. */
  private fillWrap(): void {
    const atMost = this.wrap.atMost;
    const total = this.wrap.total;
    const out = this.wrapFree;
    const rows = Math.min(WRAP_TABLE_SECONDS, this.wrap.longest);
    for (let e = 0, o = 0; e <= rows; e += 1, o += H) {
      const ended = atMost[e]!;
      const beyond = total - ended;
      for (let i = 0; i < H; i += 1)
        out[o + i] = beyond === 0 ? 1 : (atMost[e + HORIZONS[i]!]! - ended) / beyond;
    }
    out.fill(1, (rows + 1) * H);
  }
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Abramowitz–Stegun 26.2.17, error < 7.5e-8). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = normalPdf(z) * poly;
  return z >= 0 ? 1 - upper : upper;
}

/** E[Y⁺] for Y ~ N(mean, variance). */
export function expectedPositivePart(mean: number, variance: number): number {
  if (variance <= 1e-12) return Math.max(0, mean);
  const sd = Math.sqrt(variance);
  const z = mean / sd;
  return mean * normalCdf(z) + sd * normalPdf(z);
}
