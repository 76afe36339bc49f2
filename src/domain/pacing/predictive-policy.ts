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
import {
  expectedPositivePart,
  ForecastTables,
  HORIZONS,
  KIND_MACHINE,
  KIND_OTHER,
  KIND_PERSON,
  Ring,
  TABLE_REFRESH_SECONDS,
} from './forecast-tables.js';

/** Samples kept for each estimate (the most recent ones). */
const RESOLVED_SAMPLES = 600;
const HANDLE_SAMPLES = 400;
/** Cold start: progressive until this many attempts resolved and live answers seen. */
const COLD_START_RESOLVED = 60;
const COLD_START_LIVE = 20;
const COLD_START_HANDLED = 30;
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
/**
 * Expected overflow (in calls) tolerated beyond ρ × arrivals, for the approximation's tail. It was
 * 0.01: on a 10-agent team, with a decision every second and a fraction of a live answer due per
 * look-ahead, that hundredth of a call per decision alone came to a 5% drop rate (W1-M), whatever ρ.
 */
const OVERFLOW_SLACK = 0.001;

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
   * the same ring (so shares are over one window: KIND_PERSON, KIND_MACHINE or KIND_OTHER).
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
  const tables = new ForecastTables();
  let resolvedAtBuild = 0;
  // Per-decide scratch (reused, so a decision allocates nothing).
  const supplyMean = new Float64Array(HORIZONS.length);
  const supplyVar = new Float64Array(HORIZONS.length);
  const demandMean = new Float64Array(HORIZONS.length);
  const demandVar = new Float64Array(HORIZONS.length);
  let fitAllowance = 0;

  /** Whether k fresh dials keep the expected overflow within the allowance at every horizon. */
  function fits(k: number): boolean {
    const liveWithin = tables.liveWithin;
    for (let i = 0; i < HORIZONS.length; i += 1) {
      const q = liveWithin[i]!; // a fresh dial (elapsed 0)
      const arrivals = demandMean[i]! + k * q;
      const overflow = expectedPositivePart(
        arrivals - supplyMean[i]!,
        demandVar[i]! + k * q * (1 - q) + supplyVar[i]!,
      );
      // The overflow can never exceed the arrivals; the normal approximation can, when few are
      // due, so it is capped there, and a thousandth of a call of slack absorbs its tail.
      if (Math.min(overflow, arrivals) > fitAllowance * arrivals + OVERFLOW_SLACK) return false;
    }
    return true;
  }

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
          resolvedKinds.push(
            event.outcome === 'human' ? KIND_PERSON : event.outcome === 'machine' ? KIND_MACHINE : KIND_OTHER,
          );
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
        talkTimes.length < handledNeeded ||
        // No budget at all (a 0% cap, or an Ofcom detector that spends it alone): dialing ahead
        // of agents can only drop people, so dial for the free agents only.
        !(obs.target.maxAbandonRate > 0)
      )
        return clampDials(obs, progressive);
      outerLoop(obs);
      const now = obs.nowSeconds;
      if (
        now - tables.builtAt >= TABLE_REFRESH_SECONDS ||
        resolvedCount - resolvedAtBuild >= RESOLVED_SAMPLES
      ) {
        tables.rebuild(now, talkTimes.all(), wrapTimes.all(), resolvedTimes.all(), resolvedKinds.all());
        resolvedAtBuild = resolvedCount;
      }
      const t = tables;

      // Supply and demand per horizon: means and variances of sums of Bernoulli variables.
      // The five horizons are unrolled into locals: this runs for every agent and every call on every
      // tick, the hot path of pacebench and of the live dialer, and sums kept in registers are several
      // times faster than sums kept in arrays.
      let sm0 = counts.idle;
      let sm1 = sm0;
      let sm2 = sm0;
      let sm3 = sm0;
      let sm4 = sm0;
      let sv0 = 0;
      let sv1 = 0;
      let sv2 = 0;
      let sv3 = 0;
      let sv4 = 0;
      const isSmallTeam = counts.active <= SMALL_TEAM;
      // Small-team mode counts the agents likely free within the median answer time.
      let likelyFree = counts.idle;
      const medianIndex = t.medianHorizon;
      const { talkFree, wrapFree, liveWithin } = t;
      const { talkSince, wrapSince } = obs.agents;
      // Talk and wrap-up run the same sums over different tables in two loops: one loop choosing its
      // list and table per pass measured 5% slower on W3.
      for (let a = 0; a < talkSince.length; a += 1) {
        const row = t.talkRow(now - talkSince[a]!);
        const p0 = talkFree[row]!;
        const p1 = talkFree[row + 1]!;
        const p2 = talkFree[row + 2]!;
        const p3 = talkFree[row + 3]!;
        const p4 = talkFree[row + 4]!;
        sm0 += p0;
        sm1 += p1;
        sm2 += p2;
        sm3 += p3;
        sm4 += p4;
        sv0 += p0 * (1 - p0);
        sv1 += p1 * (1 - p1);
        sv2 += p2 * (1 - p2);
        sv3 += p3 * (1 - p3);
        sv4 += p4 * (1 - p4);
        if (isSmallTeam && talkFree[row + medianIndex]! > SMALL_TEAM_FREE_PROBABILITY) likelyFree += 1;
      }
      for (let a = 0; a < wrapSince.length; a += 1) {
        const row = t.wrapRow(now - wrapSince[a]!);
        const p0 = wrapFree[row]!;
        const p1 = wrapFree[row + 1]!;
        const p2 = wrapFree[row + 2]!;
        const p3 = wrapFree[row + 3]!;
        const p4 = wrapFree[row + 4]!;
        sm0 += p0;
        sm1 += p1;
        sm2 += p2;
        sm3 += p3;
        sm4 += p4;
        sv0 += p0 * (1 - p0);
        sv1 += p1 * (1 - p1);
        sv2 += p2 * (1 - p2);
        sv3 += p3 * (1 - p3);
        sv4 += p4 * (1 - p4);
        if (isSmallTeam && wrapFree[row + medianIndex]! > SMALL_TEAM_FREE_PROBABILITY) likelyFree += 1;
      }
      let dm0 = 0;
      let dm1 = 0;
      let dm2 = 0;
      let dm3 = 0;
      let dm4 = 0;
      let dv0 = 0;
      let dv1 = 0;
      let dv2 = 0;
      let dv3 = 0;
      let dv4 = 0;
      const { placedAt } = obs.calls;
      for (let c = 0; c < placedAt.length; c += 1) {
        const row = ForecastTables.ringRow(now - placedAt[c]!);
        const p0 = liveWithin[row]!;
        const p1 = liveWithin[row + 1]!;
        const p2 = liveWithin[row + 2]!;
        const p3 = liveWithin[row + 3]!;
        const p4 = liveWithin[row + 4]!;
        dm0 += p0;
        dm1 += p1;
        dm2 += p2;
        dm3 += p3;
        dm4 += p4;
        dv0 += p0 * (1 - p0);
        dv1 += p1 * (1 - p1);
        dv2 += p2 * (1 - p2);
        dv3 += p3 * (1 - p3);
        dv4 += p4 * (1 - p4);
      }
      // Answered calls the detector is deciding on: live with the share of answers that were people,
      // within the shortest horizon (a person's AMD verdict takes under 2.5 s).
      const amdLive = t.humanShareOfAnswers;
      const amdCalls = obs.calls.amd;
      const waitingCalls = obs.calls.waitingForAgent;
      const certain = waitingCalls + amdCalls * amdLive;
      const amdVar = amdCalls * amdLive * (1 - amdLive);
      supplyMean[0] = sm0;
      supplyMean[1] = sm1;
      supplyMean[2] = sm2;
      supplyMean[3] = sm3;
      supplyMean[4] = sm4;
      supplyVar[0] = sv0;
      supplyVar[1] = sv1;
      supplyVar[2] = sv2;
      supplyVar[3] = sv3;
      supplyVar[4] = sv4;
      demandMean[0] = dm0 + certain;
      demandMean[1] = dm1 + certain;
      demandMean[2] = dm2 + certain;
      demandMean[3] = dm3 + certain;
      demandMean[4] = dm4 + certain;
      demandVar[0] = dv0 + amdVar;
      demandVar[1] = dv1 + amdVar;
      demandVar[2] = dv2 + amdVar;
      demandVar[3] = dv3 + amdVar;
      demandVar[4] = dv4 + amdVar;

      let allowance = rho * opts.aggressiveness * (isSmallTeam ? SMALL_TEAM_RHO_FACTOR : 1);
      trimBurst(now);
      if (
        burstLive.length >= BURST_MIN_LIVE &&
        burstDrops.length / burstLive.length > BURST_FACTOR * obs.target.maxAbandonRate
      )
        breakerUntil = now + BURST_HOLD_SECONDS;
      allowance = Math.min(allowance, RHO_MAX);

      fitAllowance = allowance;
      const maxK = Math.max(
        0,
        Math.min(
          Math.floor(obs.caps.trunkCap) - counts.inFlight,
          Math.floor(obs.caps.maxLinesPerAgent * counts.active) - counts.inFlight,
        ),
      );
      // Largest k that fits (the overflow share grows with k). The answer is usually a few dials, so
      // gallop up from 0 (1, 2, 4, …) and then bisect the last step: O(log k) checks, not O(log maxK).
      let lo = 0;
      if (maxK > 0 && fits(0)) {
        let step = 1;
        let hi = maxK;
        while (step <= maxK) {
          if (!fits(step)) {
            hi = step - 1;
            break;
          }
          lo = step;
          step *= 2;
        }
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (fits(mid)) lo = mid;
          else hi = mid - 1;
        }
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
