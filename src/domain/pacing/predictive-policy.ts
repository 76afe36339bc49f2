/**
 * The production predictive pacing policy (issue #4; research/pacing.md §6): model-based look-ahead
 * with a chance-constrained inner loop and an abandonment-budget outer loop.
 *
 * Inner loop (every decide): for horizons H of 4–20 s, forecast the agents free within H — the idle
 * ones plus each busy agent's chance of finishing, from its elapsed time in talk or wrap and the
 * handle times seen so far — and the live answers due within H — each call in flight's chance of
 * becoming live, from its elapsed time and the attempts resolved so far. Dial the largest k for
 * which, at every horizon, the expected overflow of live answers over free agents stays within ρ of
 * the expected live answers (normal approximation of the Poisson-binomial sums).
 *
 * Outer loop (every OUTER_PERIOD_SECONDS): ρ moves with the gap between the abandonment budget left
 * in the compliance window and the observed drop ratio, clamped and slew-limited.
 *
 * Guards: progressive until enough attempts and live answers are seen (cold start); a burst breaker
 * halves dialing for a while after a minute of drops above three times the target; a small-team
 * mode dials ahead only for agents likely to be free within the typical answer time; every answer
 * goes through `clampDials` (no agent, no dial; trunk and lines-per-agent caps).
 *
 * Pure and deterministic: time comes from the observation, no clock, no randomness.
 */
import {
  clampDials,
  countObservation,
  type PacingEvent,
  type PacingObservation,
  type PacingPolicy,
} from './pacing-policy.js';

/** Look-ahead horizons, seconds: they span the time from a dial to a live answer. */
const HORIZONS = [4, 8, 12, 16, 20] as const;
/** Samples kept for each estimate (the most recent ones). */
const RESOLVED_SAMPLES = 600;
const HANDLE_SAMPLES = 400;
/** Cold start: progressive until this many attempts resolved and live answers seen. */
const COLD_START_RESOLVED = 60;
const COLD_START_LIVE = 20;
const COLD_START_HANDLED = 30;
/** Survival tables are rebuilt this often (seconds) and cover this many seconds of elapsed time. */
const TABLE_REFRESH_SECONDS = 60;
const TALK_TABLE_SECONDS = 1800;
/** The talk table's rows are this many seconds apart (its chances change slowly with elapsed talk). */
const TALK_BIN_SECONDS = 5;
const TALK_ROWS = TALK_TABLE_SECONDS / TALK_BIN_SECONDS;
const WRAP_TABLE_SECONDS = 600;
const RING_TABLE_SECONDS = 90;
/** Wrap durations are folded into a talk agent's chance of freeing up through this many quantiles. */
const WRAP_QUANTILES = 12;
/** Outer loop. */
const OUTER_PERIOD_SECONDS = 30;
const RHO_MIN = 0.0005;
const RHO_MAX = 0.05;
const RHO_START = 0.004;
const RHO_GAIN = 1;
/** ρ changes by at most this factor per outer step (slew limit). */
const RHO_SLEW = 1.05;
/** Live answers the outer loop's observed drop ratio is measured over. */
const RECENT_LIVE = 150;
/** Budget margin kept below the target rate. */
const BUDGET_MARGIN = 0.007;
/** Burst breaker: drops over the last minute above BURST_FACTOR × target with ≥ BURST_MIN_LIVE live. */
const BURST_WINDOW_SECONDS = 60;
const BURST_FACTOR = 3;
const BURST_MIN_LIVE = 20;
const BURST_HOLD_SECONDS = 30;
/** Small-team mode at or below this many active agents. */
const SMALL_TEAM = 15;
const SMALL_TEAM_RHO_FACTOR = 0.5;
const SMALL_TEAM_FREE_PROBABILITY = 0.5;
/** Expected overflow (in calls) tolerated beyond ρ × arrivals, for the approximation's tail. */
const OVERFLOW_SLACK = 0.01;

export interface PredictiveOptions {
  /** Multiplies the risk allowance ρ the outer loop settles on (1 = as designed). */
  aggressiveness: number;
  /** Starting ρ. */
  initialRho: number;
  /** Holds ρ fixed (no outer loop): for sweeps that draw the occupancy/abandonment curve. */
  fixedRho: number | null;
}

export const defaultPredictiveOptions: PredictiveOptions = {
  aggressiveness: 1,
  initialRho: RHO_START,
  fixedRho: null,
};

/** A fixed-size ring of numbers. */
class Ring {
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
  sorted(): number[] {
    return [...this.values].sort((a, b) => a - b);
  }
  all(): readonly number[] {
    return this.values;
  }
}

/** Count of values ≤ x in an ascending array. */
function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** P(T ≤ e + h | T > e) from an ascending sample; `fallback` when no sample exceeds e. */
function conditionalWithin(sorted: readonly number[], e: number, h: number, fallback: number): number {
  const beyond = sorted.length - countAtMost(sorted, e);
  if (beyond === 0) return fallback;
  return (countAtMost(sorted, e + h) - countAtMost(sorted, e)) / beyond;
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
function expectedPositivePart(mean: number, variance: number): number {
  if (variance <= 1e-12) return Math.max(0, mean);
  const sd = Math.sqrt(variance);
  const z = mean / sd;
  return mean * normalCdf(z) + sd * normalPdf(z);
}

interface Tables {
  builtAt: number;
  /** [elapsedSecond][horizonIndex]: an agent in talk is free (talk and wrap over) within H. */
  talkFree: Float64Array;
  /** [elapsedSecond][horizonIndex]: an agent in wrap is free within H. */
  wrapFree: Float64Array;
  /** [elapsedSecond][horizonIndex]: a call in flight becomes live within H. */
  liveWithin: Float64Array;
  /** Share of resolved attempts that were live. */
  liveShare: number;
  /** Median seconds from dial to a live answer. */
  medianLiveSeconds: number;
  /** Of the answered attempts (people and machines), the share that were people. */
  humanShareOfAnswers: number;
}

/**
 * Builds the production predictive policy. `options.aggressiveness` scales ρ (for sweeps in
 * pacebench); the defaults are the product's.
 */
export interface PredictivePacingPolicy extends PacingPolicy {
  /**
   * Live answers and drops already counted in the campaign's compliance window (read from the
   * attempt log when a dialer starts), so a restart does not reset the abandonment budget.
   */
  restoreWindow(counts: { live: number; drops: number; nowSeconds: number }): void;
}

export function predictivePolicy(options: Partial<PredictiveOptions> = {}): PredictivePacingPolicy {
  const opts = { ...defaultPredictiveOptions, ...options };
  /**
   * The last RESOLVED_SAMPLES resolved attempts: seconds from the dial, and the outcome coded in
   * the same ring (so shares are over one window: 1 = person, 2 = machine, 0 = anything else).
   */
  const resolvedTimes = new Ring(RESOLVED_SAMPLES);
  const resolvedKinds = new Ring(RESOLVED_SAMPLES);
  const talkTimes = new Ring(HANDLE_SAMPLES);
  const wrapTimes = new Ring(HANDLE_SAMPLES);
  /** 1 = dropped, 0 = connected, for the last RECENT_LIVE live answers. */
  const recentLive = new Ring(RECENT_LIVE);
  /** Instants of the last minute's live answers and drops, for the burst breaker. */
  const burstLive: number[] = [];
  const burstDrops: number[] = [];
  let resolvedCount = 0;
  let liveCount = 0;
  let windowLive = 0;
  let windowDrops = 0;
  let windowStart = 0;
  let rho = opts.initialRho;
  let lastOuter = -Infinity;
  let breakerUntil = -Infinity;
  let tables: Tables | null = null;
  let resolvedAtBuild = 0;

  const buildTables = (now: number): Tables => {
    const h = HORIZONS.length;
    const talk = talkTimes.sorted();
    const wrap = wrapTimes.sorted();
    const times = resolvedTimes.all();
    const kinds = resolvedKinds.all();
    const live: number[] = [];
    let machines = 0;
    for (let j = 0; j < times.length; j += 1) {
      if (kinds[j] === 1) live.push(times[j]!);
      else if (kinds[j] === 2) machines += 1;
    }
    live.sort((a, b) => a - b);
    const all = resolvedTimes.sorted();
    const wrapQuantiles: number[] = [];
    for (let q = 0; q < WRAP_QUANTILES; q += 1)
      wrapQuantiles.push(wrap.length ? wrap[Math.floor(((q + 0.5) / WRAP_QUANTILES) * wrap.length)]! : 30);
    const talkFree = new Float64Array((TALK_ROWS + 1) * h);
    const wrapFree = new Float64Array((WRAP_TABLE_SECONDS + 1) * h);
    const liveWithin = new Float64Array((RING_TABLE_SECONDS + 1) * h);
    for (let row = 0; row <= TALK_ROWS; row += 1)
      for (let i = 0; i < h; i += 1) {
        const e = row * TALK_BIN_SECONDS;
        // Free within H = talk ends within H − wrap, averaged over the wrap quantiles.
        let p = 0;
        for (const w of wrapQuantiles) {
          if (w >= HORIZONS[i]!) break; // ascending: the rest cannot fit either
          p += conditionalWithin(talk, e, HORIZONS[i]! - w, 0);
        }
        talkFree[row * h + i] = p / WRAP_QUANTILES;
      }
    for (let e = 0; e <= WRAP_TABLE_SECONDS; e += 1)
      for (let i = 0; i < h; i += 1) wrapFree[e * h + i] = conditionalWithin(wrap, e, HORIZONS[i]!, 1);
    for (let e = 0; e <= RING_TABLE_SECONDS; e += 1) {
      const unresolved = all.length - countAtMost(all, e);
      for (let i = 0; i < h; i += 1)
        liveWithin[e * h + i] =
          unresolved === 0 ? 0 : (countAtMost(live, e + HORIZONS[i]!) - countAtMost(live, e)) / unresolved;
    }
    return {
      builtAt: now,
      talkFree,
      wrapFree,
      liveWithin,
      liveShare: times.length ? live.length / times.length : 0,
      medianLiveSeconds: live.length ? live[Math.floor(live.length / 2)]! : 10,
      humanShareOfAnswers: live.length + machines > 0 ? live.length / (live.length + machines) : 0.5,
    };
  };

  const outerLoop = (obs: PacingObservation) => {
    if (opts.fixedRho !== null) {
      rho = opts.fixedRho;
      return;
    }
    const now = obs.nowSeconds;
    if (now - lastOuter < OUTER_PERIOD_SECONDS) return;
    lastOuter = now;
    const alpha = obs.target.maxAbandonRate;
    if (now - windowStart >= obs.target.windowSeconds) {
      windowStart = now;
      windowLive = 0;
      windowDrops = 0;
    }
    // The budget left in the compliance window, spread over as many live answers again (at least a
    // few hundred), less a margin.
    const expectedRemaining = Math.max(windowLive, RECENT_LIVE);
    const budget = alpha * (windowLive + expectedRemaining) - windowDrops;
    // Never aim above the target itself: a budget under-spent early is not made up later (the run,
    // or the day, may end before the window does).
    const alphaEff = Math.max(0, Math.min(alpha, budget / expectedRemaining) - BUDGET_MARGIN);
    const recent = recentLive.all();
    if (recent.length < COLD_START_LIVE) return;
    const observed = recent.reduce((a, b) => a + b, 0) / recent.length;
    // Relative error: the same push whether the target is 3% (FTC) or lower.
    const factor = Math.exp((RHO_GAIN * (alphaEff - observed)) / Math.max(alpha, 1e-6));
    const slewed = Math.min(RHO_SLEW, Math.max(1 / RHO_SLEW, factor));
    rho = Math.min(RHO_MAX, Math.max(RHO_MIN, rho * slewed));
  };

  const trimBurst = (now: number) => {
    while (burstLive.length && burstLive[0]! < now - BURST_WINDOW_SECONDS) burstLive.shift();
    while (burstDrops.length && burstDrops[0]! < now - BURST_WINDOW_SECONDS) burstDrops.shift();
  };

  return {
    name: opts.aggressiveness === 1 ? 'predictive' : `predictive:${opts.aggressiveness}`,

    restoreWindow(counts) {
      windowLive = counts.live;
      windowDrops = counts.drops;
      windowStart = counts.nowSeconds;
      liveCount = Math.max(liveCount, counts.live);
    },

    observe(event: PacingEvent) {
      switch (event.kind) {
        case 'resolved':
          resolvedCount += 1;
          resolvedTimes.push(event.secondsSinceDial);
          resolvedKinds.push(event.outcome === 'human' ? 1 : event.outcome === 'machine' ? 2 : 0);
          return;
        case 'connected':
          liveCount += 1;
          windowLive += 1;
          recentLive.push(0);
          burstLive.push(event.atSeconds);
          return;
        case 'abandoned':
          liveCount += 1;
          windowLive += 1;
          windowDrops += 1;
          recentLive.push(1);
          burstLive.push(event.atSeconds);
          burstDrops.push(event.atSeconds);
          return;
        case 'handled':
          talkTimes.push(event.talkSeconds);
          wrapTimes.push(event.wrapSeconds);
          return;
      }
    },

    decide(obs: PacingObservation): number {
      const counts = countObservation(obs);
      if (counts.active === 0) return 0;
      const progressive = counts.idle - counts.inFlight;
      // Handle times seen early are the short ones (long calls have not ended yet): wait for about
      // one call per agent before trusting them, or the first minutes over-dial.
      const handledNeeded = Math.min(HANDLE_SAMPLES, Math.max(COLD_START_HANDLED, counts.active));
      if (
        resolvedCount < COLD_START_RESOLVED ||
        liveCount < COLD_START_LIVE ||
        talkTimes.length < handledNeeded
      )
        return clampDials(obs, progressive);
      outerLoop(obs);
      const now = obs.nowSeconds;
      if (
        tables === null ||
        now - tables.builtAt >= TABLE_REFRESH_SECONDS ||
        resolvedCount - resolvedAtBuild >= RESOLVED_SAMPLES
      ) {
        tables = buildTables(now);
        resolvedAtBuild = resolvedCount;
      }
      const t = tables;
      const h = HORIZONS.length;

      // Supply and demand per horizon: means and variances of sums of Bernoulli variables.
      const supplyMean = new Float64Array(h).fill(counts.idle);
      const supplyVar = new Float64Array(h);
      const demandMean = new Float64Array(h);
      const demandVar = new Float64Array(h);
      let likelyFree = counts.idle;
      const medianIndex = Math.max(
        0,
        HORIZONS.findIndex((x) => x >= t.medianLiveSeconds),
      );
      for (const agent of obs.agents) {
        if (agent.state !== 'talk' && agent.state !== 'wrap') continue;
        const e = Math.max(0, Math.floor(agent.secondsInState));
        const row =
          agent.state === 'talk'
            ? Math.min(Math.floor(e / TALK_BIN_SECONDS), TALK_ROWS) * h
            : Math.min(e, WRAP_TABLE_SECONDS) * h;
        const table = agent.state === 'talk' ? t.talkFree : t.wrapFree;
        for (let i = 0; i < h; i += 1) {
          const p = table[row + i]!;
          supplyMean[i] = supplyMean[i]! + p;
          supplyVar[i] = supplyVar[i]! + p * (1 - p);
        }
        if (table[row + medianIndex]! > SMALL_TEAM_FREE_PROBABILITY) likelyFree += 1;
      }
      for (const call of obs.calls) {
        if (call.phase === 'waiting-for-agent') {
          for (let i = 0; i < h; i += 1) demandMean[i] = demandMean[i]! + 1;
          continue;
        }
        if (call.phase === 'amd') {
          // Answered, the detector deciding: live with the share of answers that were people, within
          // the shortest horizon (a person's AMD verdict takes under 2.5 s).
          const p = t.humanShareOfAnswers;
          for (let i = 0; i < h; i += 1) {
            demandMean[i] = demandMean[i]! + p;
            demandVar[i] = demandVar[i]! + p * (1 - p);
          }
          continue;
        }
        const row = Math.min(Math.max(0, Math.floor(call.elapsedSeconds)), RING_TABLE_SECONDS) * h;
        for (let i = 0; i < h; i += 1) {
          const p = t.liveWithin[row + i]!;
          demandMean[i] = demandMean[i]! + p;
          demandVar[i] = demandVar[i]! + p * (1 - p);
        }
      }

      const isSmallTeam = counts.active <= SMALL_TEAM;
      let allowance = rho * opts.aggressiveness * (isSmallTeam ? SMALL_TEAM_RHO_FACTOR : 1);
      trimBurst(now);
      if (
        burstLive.length >= BURST_MIN_LIVE &&
        burstDrops.length / burstLive.length > BURST_FACTOR * obs.target.maxAbandonRate
      )
        breakerUntil = now + BURST_HOLD_SECONDS;
      allowance = Math.min(allowance, RHO_MAX);

      const fits = (k: number): boolean => {
        for (let i = 0; i < h; i += 1) {
          const q = t.liveWithin[i]!; // a fresh dial (elapsed 0)
          const arrivals = demandMean[i]! + k * q;
          const overflow = expectedPositivePart(
            arrivals - supplyMean[i]!,
            demandVar[i]! + k * q * (1 - q) + supplyVar[i]!,
          );
          // The overflow can never exceed the arrivals; the normal approximation can, when few are
          // due, so it is capped there, and a hundredth of a call of slack absorbs its tail.
          if (Math.min(overflow, arrivals) > allowance * arrivals + OVERFLOW_SLACK) return false;
        }
        return true;
      };
      const maxK = Math.max(
        0,
        Math.min(
          Math.floor(obs.caps.trunkCap) - counts.inFlight,
          Math.floor(obs.caps.maxLinesPerAgent * counts.active) - counts.inFlight,
        ),
      );
      // Largest k that fits (the overflow share grows with k): binary search.
      let lo = 0;
      let hi = maxK;
      if (!fits(0)) hi = 0;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (fits(mid)) lo = mid;
        else hi = mid - 1;
      }
      let k = lo;
      // Never fewer than progressive would place: a free agent with no call coming is pure waste.
      k = Math.max(k, progressive);
      if (isSmallTeam && t.liveShare > 0) {
        // Super-progressive: dial ahead only for agents likely free within the typical answer time.
        const ahead = Math.ceil(likelyFree / t.liveShare) - counts.inFlight;
        k = Math.min(k, Math.max(progressive, ahead));
      }
      if (now < breakerUntil) k = Math.max(progressive, Math.floor(k / 2));
      return clampDials(obs, k);
    },
  };
}
