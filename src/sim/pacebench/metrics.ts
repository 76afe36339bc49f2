/**
 * pacebench metrics (research/pacing.md §5.4), collected per replication. Agent time is clipped to
 * each day's measured span [day start + warm-up, day end] for occupancy and utilisation (§5.6: the
 * warm-up is left out of occupancy); abandonment counts every call, warm-up included.
 */

export const HOUR_SECONDS = 3600;
export const DAY_SECONDS = 86_400;
const FTC_WINDOW_SECONDS = 30 * DAY_SECONDS;
const OFCOM_WINDOW_SECONDS = DAY_SECONDS;
/** §5.4: rolling-hour windows with fewer live answers than this are ignored. */
export const MIN_LIVE_ANSWERS_PER_HOUR_WINDOW = 30;

export type MeasuredState = 'idle' | 'talk' | 'wrap' | 'paused';

export interface PacebenchMetrics {
  /** Σtalk / (Σtalk + Σidle), the project's occupancy. */
  occupancyTalk: number;
  /** (Σtalk + Σwrap) / logged-in non-paused time. */
  utilisation: number;
  meanWaitBetweenCallsSeconds: number;
  idleGapP50Seconds: number;
  idleGapP95Seconds: number;
  /** FTC: abandoned live answers / live answers, whole run. */
  abandonRateFtc: number;
  /** Worst rolling hour (windows with ≥ 30 live answers; NaN when none qualifies). */
  worstHourAbandonRateFtc: number;
  /** Worst successive 30-day period from the start (TSR 310.4(b)(4)(i)). */
  worst30DayAbandonRateFtc: number;
  /** Ofcom: (abandoned + AMD false positives) / (live answers + AMD false positives). */
  abandonRateOfcom: number;
  /** Worst successive 24 h period from the start (Ofcom's yardstick, per calling day). */
  worst24hAbandonRateOfcom: number;
  /** 1 when every 30-day FTC period is within the target, else 0. */
  ftcPass: number;
  /** 1 when every successive 24 h Ofcom period is within the target, else 0. */
  ofcomPass: number;
  connectsPerAgentHour: number;
  rpcPerAgentHour: number;
  dialsPerConnect: number;
  /** Calls in flight per logged-in non-paused agent, sampled every tick. */
  linesPerAgentMean: number;
  linesPerAgentMax: number;
  /** Share of connects whose answer-to-agent latency (AMD + hold) exceeds 1 s / 2 s. */
  connectsOver1sShare: number;
  connectsOver2sShare: number;
  dials: number;
  liveAnswers: number;
  connects: number;
  abandoned: number;
  amdFalsePositives: number;
  amdFalseNegatives: number;
}

export const METRIC_NAMES: readonly (keyof PacebenchMetrics)[] = [
  'occupancyTalk',
  'utilisation',
  'meanWaitBetweenCallsSeconds',
  'idleGapP50Seconds',
  'idleGapP95Seconds',
  'abandonRateFtc',
  'worstHourAbandonRateFtc',
  'worst30DayAbandonRateFtc',
  'abandonRateOfcom',
  'worst24hAbandonRateOfcom',
  'ftcPass',
  'ofcomPass',
  'connectsPerAgentHour',
  'rpcPerAgentHour',
  'dialsPerConnect',
  'linesPerAgentMean',
  'linesPerAgentMax',
  'connectsOver1sShare',
  'connectsOver2sShare',
  'dials',
  'liveAnswers',
  'connects',
  'abandoned',
  'amdFalsePositives',
  'amdFalseNegatives',
];

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** Nearest-rank percentile of an unsorted sample; 0 for an empty one. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * The worst ratio over successive periods of `periodSeconds` from `start`: Σ numerator / count of
 * the events (at ascending-or-not `times`) falling in each period. 0 with no events.
 */
export function worstPeriodRatio(
  times: readonly number[],
  numerators: readonly number[],
  periodSeconds: number,
  start: number,
): number {
  const periods = new Map<number, { n: number; d: number }>();
  times.forEach((t, i) => {
    const k = Math.floor((t - start) / periodSeconds);
    const p = periods.get(k) ?? { n: 0, d: 0 };
    p.n += numerators[i] as number;
    p.d += 1;
    periods.set(k, p);
  });
  let worst = 0;
  for (const p of periods.values()) worst = Math.max(worst, ratio(p.n, p.d));
  return worst;
}

/**
 * Worst ratio over windows [t, t + width) anchored at each event time t with t + width ≤ `runEnd`
 * (a window cut short by the end of the run would read small samples as extremes). `times` is
 * sorted; each event adds `den[i]` to the denominator and `num[i]` to the numerator. Windows with a
 * denominator below `minDenominator` are skipped. A run shorter than one window is judged as a
 * whole. NaN when nothing qualifies.
 */
export function worstRollingRatio(
  times: readonly number[],
  num: readonly number[],
  den: readonly number[],
  width: number,
  minDenominator: number,
  runStart: number,
  runEnd: number,
): number {
  if (runEnd - runStart < width) {
    const n = num.reduce((s, x) => s + x, 0);
    const d = den.reduce((s, x) => s + x, 0);
    return d >= minDenominator && d > 0 ? n / d : Number.NaN;
  }
  let worst = Number.NaN;
  let end = 0;
  let n = 0;
  let d = 0;
  for (let start = 0; start < times.length && (times[start] as number) + width <= runEnd; start += 1) {
    const limit = (times[start] as number) + width;
    while (end < times.length && (times[end] as number) < limit) {
      n += num[end] as number;
      d += den[end] as number;
      end += 1;
    }
    if (d >= minDenominator && d > 0) {
      const r = n / d;
      if (!(r <= worst)) worst = r;
    }
    n -= num[start] as number;
    d -= den[start] as number;
  }
  return worst;
}

export class MetricsCollector {
  private readonly measured: Record<MeasuredState, number> = { idle: 0, talk: 0, wrap: 0, paused: 0 };
  private loggedInSeconds = 0;
  private measureStart = 0;
  private measureEnd = 0;
  private readonly idleGaps: number[] = [];
  private connectsMeasured = 0;
  private connects = 0;
  private rpcConnects = 0;
  private dials = 0;
  private over1s = 0;
  private over2s = 0;
  /** Live answers in time order, with an abandoned flag, plus AMD false positives for Ofcom. */
  private readonly liveAt: number[] = [];
  private readonly liveAbandoned: number[] = [];
  private readonly fpAt: number[] = [];
  private abandoned = 0;
  private falseNegatives = 0;
  private linesSum = 0;
  private linesSamples = 0;
  private linesMax = 0;
  /** Each day's shift, in order: rolling hours are judged inside a shift, never across a night. */
  private readonly shifts: { start: number; end: number }[] = [];

  constructor(
    private readonly maxAbandonRate: number,
    private readonly runStart: number,
  ) {}

  /** A calling day: its shift runs [shiftStart, measureEnd); occupancy is measured from measureStart. */
  startDay(shiftStart: number, measureStart: number, measureEnd: number): void {
    this.measureStart = measureStart;
    this.measureEnd = measureEnd;
    this.shifts.push({ start: shiftStart, end: measureEnd });
  }

  /** An agent spent [from, to) in `state`. */
  accrue(state: MeasuredState, from: number, to: number): void {
    this.loggedInSeconds += to - from;
    const a = Math.max(from, this.measureStart);
    const b = Math.min(to, this.measureEnd);
    if (b > a) this.measured[state] += b - a;
  }

  dialed(count: number): void {
    this.dials += count;
  }

  liveAnswer(at: number): number {
    this.liveAt.push(at);
    this.liveAbandoned.push(0);
    return this.liveAt.length - 1;
  }

  abandon(liveIndex: number): void {
    this.liveAbandoned[liveIndex] = 1;
    this.abandoned += 1;
  }

  falsePositive(at: number): void {
    this.fpAt.push(at);
  }

  falseNegativeRouted(): void {
    this.falseNegatives += 1;
  }

  /** A live human reached an agent who had been idle for `idleGapSeconds`. */
  connect(at: number, isRightParty: boolean, latencySeconds: number, idleGapSeconds: number): void {
    this.connects += 1;
    if (isRightParty) this.rpcConnects += 1;
    if (latencySeconds > 1) this.over1s += 1;
    if (latencySeconds > 2) this.over2s += 1;
    if (at >= this.measureStart && at <= this.measureEnd) {
      this.connectsMeasured += 1;
      this.idleGaps.push(idleGapSeconds);
    }
  }

  sampleLines(inFlight: number, activeAgents: number): void {
    if (activeAgents <= 0) return;
    const lines = inFlight / activeAgents;
    this.linesSum += lines;
    this.linesSamples += 1;
    if (lines > this.linesMax) this.linesMax = lines;
  }

  finish(): PacebenchMetrics {
    const m = this.measured;
    const active = m.idle + m.talk + m.wrap;
    const agentHours = this.loggedInSeconds / HOUR_SECONDS;
    const liveAnswers = this.liveAt.length;
    const ones = this.liveAt.map(() => 1);
    // Rolling hours inside each day's shift: a window reaching over the night would pair a day's
    // last minutes with nothing and read a few drops among 30 answers as an hour's rate.
    let worstHour = Number.NaN;
    let from = 0;
    for (const shift of this.shifts) {
      while (from < liveAnswers && (this.liveAt[from] as number) < shift.start) from += 1;
      let to = from;
      while (to < liveAnswers && (this.liveAt[to] as number) <= shift.end) to += 1;
      const day = worstRollingRatio(
        this.liveAt.slice(from, to),
        this.liveAbandoned.slice(from, to),
        ones.slice(from, to),
        HOUR_SECONDS,
        MIN_LIVE_ANSWERS_PER_HOUR_WINDOW,
        shift.start,
        shift.end,
      );
      if (!(day <= worstHour)) worstHour = Number.isNaN(day) ? worstHour : day;
      from = to;
    }
    // Successive 30-day periods from the run's start (FTC: "each successive 30-day period").
    const worst30 = worstPeriodRatio(this.liveAt, this.liveAbandoned, FTC_WINDOW_SECONDS, this.runStart);
    // Ofcom: merge live answers and false positives in time order.
    const times: number[] = [];
    const num: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.liveAt.length || j < this.fpAt.length) {
      const li = i < this.liveAt.length ? (this.liveAt[i] as number) : Number.POSITIVE_INFINITY;
      const fj = j < this.fpAt.length ? (this.fpAt[j] as number) : Number.POSITIVE_INFINITY;
      if (li <= fj) {
        times.push(li);
        num.push(this.liveAbandoned[i] as number);
        i += 1;
      } else {
        times.push(fj);
        num.push(1);
        j += 1;
      }
    }
    // Successive 24 h periods from the run's start, i.e. each calling day ("over a 24 hour period").
    // Rolling windows would also judge a window holding a Friday's last minutes and nothing else.
    const worst24 = worstPeriodRatio(times, num, OFCOM_WINDOW_SECONDS, this.runStart);
    const ofcomNum = this.abandoned + this.fpAt.length;
    const ofcomDen = liveAnswers + this.fpAt.length;
    return {
      occupancyTalk: ratio(m.talk, m.talk + m.idle),
      utilisation: ratio(m.talk + m.wrap, active),
      meanWaitBetweenCallsSeconds: ratio(m.idle, this.connectsMeasured),
      idleGapP50Seconds: percentile(this.idleGaps, 0.5),
      idleGapP95Seconds: percentile(this.idleGaps, 0.95),
      abandonRateFtc: ratio(this.abandoned, liveAnswers),
      worstHourAbandonRateFtc: worstHour,
      worst30DayAbandonRateFtc: worst30,
      abandonRateOfcom: ratio(ofcomNum, ofcomDen),
      worst24hAbandonRateOfcom: Number.isNaN(worst24) ? 0 : worst24,
      ftcPass: worst30 <= this.maxAbandonRate ? 1 : 0,
      ofcomPass: (Number.isNaN(worst24) ? 0 : worst24) <= this.maxAbandonRate ? 1 : 0,
      connectsPerAgentHour: ratio(this.connects, agentHours),
      rpcPerAgentHour: ratio(this.rpcConnects, agentHours),
      dialsPerConnect: ratio(this.dials, this.connects),
      linesPerAgentMean: ratio(this.linesSum, this.linesSamples),
      linesPerAgentMax: this.linesMax,
      connectsOver1sShare: ratio(this.over1s, this.connects),
      connectsOver2sShare: ratio(this.over2s, this.connects),
      dials: this.dials,
      liveAnswers,
      connects: this.connects,
      abandoned: this.abandoned,
      amdFalsePositives: this.fpAt.length,
      amdFalseNegatives: this.falseNegatives,
    };
  }
}
