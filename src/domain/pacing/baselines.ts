/**
 * Baseline pacing policies for pacebench (research/pacing.md §5.5). They are yardsticks, not the
 * production predictive policy: progressive 1:1, a fixed dial ratio with VICIdial RATIO semantics, a
 * clean-room VICIdial-style adaptive dial level (§3.1, written from the prose description only) and an
 * open-loop Erlang-B rate (§2.5). Every answer goes through `clampDials`.
 */
import { erlangBMaxLoad } from './erlang-b.js';
import type { PacingEvent, PacingObservation, PacingPolicy } from './pacing-policy.js';
import { clampDials, countObservation } from './pacing-policy.js';

/** Progressive 1:1 (§5.5 item 1): one call in flight per idle agent. */
export function progressivePolicy(): PacingPolicy {
  return {
    name: 'progressive',
    observe: () => undefined,
    decide(obs) {
      const counts = countObservation(obs);
      return clampDials(obs, counts.idle - counts.inFlight);
    },
  };
}

/**
 * The agents VICIdial's dial loop multiplies by the dial level: READY agents plus those whose call is
 * still up. An agent still INCALL in the disposition screen after the customer hung up has no row in
 * `vicidial_auto_calls` any more; the loop counts it as DEAD and subtracts it (AST_VDauto_dial.pl,
 * read for semantics, research/pacing.md §3.1 "agents = INCALL + READY"). In our states: idle + talk.
 */
function vicidialAgents(obs: PacingObservation): number {
  const counts = countObservation(obs);
  return counts.idle + counts.talk;
}

/**
 * Fixed ratio L, VICIdial RATIO semantics (§3.1, §5.5 item 2): goal = round(L × (ready + in-call
 * agents)); dials = goal − (calls in flight + connected calls). Agents in wrap are DEAD to VICIdial:
 * neither counted nor holding a call.
 */
export function fixedRatioPolicy(ratio: number): PacingPolicy {
  return {
    name: `ratio:${ratio}`,
    observe: () => undefined,
    decide(obs) {
      const counts = countObservation(obs);
      const goal = Math.round(ratio * vicidialAgents(obs));
      return clampDials(obs, goal - (counts.inFlight + counts.talk));
    },
  };
}

export type AdaptiveDropMode = 'HARD_LIMIT' | 'AVERAGE' | 'TAPERED';

export interface VicidialAdaptiveOptions {
  mode: AdaptiveDropMode;
  /** `adaptive_maximum_level`. */
  maxLevel: number;
  /** `adaptive_dropped_percentage` as a fraction. */
  maxDropRate: number;
  /** `adaptive_intensity`, −100…100. */
  intensity: number;
  /** `adaptive_dl_diff_target`: −1 aims at one agent waiting, +1 at one customer waiting. */
  diffTarget: number;
  /** Seconds after the day's start when dialing stops (`adaptive_latest_server_time`), for TAPERED. */
  latestSecondsOfDay: number;
}

const SECONDS_PER_DAY = 86_400;
const ADAPT_PERIOD_SECONDS = 15;
const SAMPLE_WINDOW = 15;
const DROP_STATS_PERIOD_SECONDS = 60;
const MIN_CALLS_FOR_DAILY_CAP = 50;
const EMERGENCY_MIN_CALLS = 20;
const EMERGENCY_DROP_RATE = 0.5;
const TAPER_HOURS = 10;

export const defaultVicidialOptions: VicidialAdaptiveOptions = {
  mode: 'AVERAGE',
  maxLevel: 3,
  maxDropRate: 0.03,
  intensity: 0,
  diffTarget: 0,
  latestSecondsOfDay: 8 * 3600,
};

/**
 * VICIdial-style adaptive dial level, clean-room from research/pacing.md §3.1: sample ready agents,
 * agents and calls waiting every second; every 15 s move the level by
 * (avg ready − avg waiting + diffTarget) / avg agents, capped and floored at 1.0; the day's drop ratio
 * (refreshed each minute) above the limit resets (HARD_LIMIT), halves (AVERAGE) or tapers by hours left
 * (TAPERED); more than half of the last minute's answers dropped (over 20 calls) halves it.
 */
export function vicidialAdaptivePolicy(options: Partial<VicidialAdaptiveOptions> = {}): PacingPolicy {
  const opts = { ...defaultVicidialOptions, ...options };
  let level = 1;
  let lastSampleAt = Number.NEGATIVE_INFINITY;
  let lastAdaptAt = Number.NEGATIVE_INFINITY;
  let lastStatsAt = Number.NEGATIVE_INFINITY;
  let day = Number.NaN;
  const samples: { ready: number; agents: number; waiting: number }[] = [];
  let dayAnswers = 0;
  let dayDrops = 0;
  let dayDropRate = 0;
  let recent: { at: number; dropped: boolean }[] = [];

  function adapt(now: number): void {
    if (samples.length === 0) return;
    let ready = 0;
    let agents = 0;
    let waiting = 0;
    for (const s of samples) {
      ready += s.ready;
      agents += s.agents;
      waiting += s.waiting;
    }
    const n = samples.length;
    if (agents > 0) {
      const differential = ready / n - waiting / n + opts.diffTarget;
      let mul = differential / (agents / n);
      mul = mul > 0 ? mul * (1 + opts.intensity / 100) : mul * Math.abs(opts.intensity / 100 - 1);
      level = level * (1 + mul);
    }
    recent = recent.filter((r) => r.at > now - 60);
    const recentDrops = recent.filter((r) => r.dropped).length;
    if (recent.length > EMERGENCY_MIN_CALLS && recentDrops / recent.length > EMERGENCY_DROP_RATE) level /= 2;
    if (dayAnswers >= MIN_CALLS_FOR_DAILY_CAP && dayDropRate > opts.maxDropRate) {
      switch (opts.mode) {
        case 'HARD_LIMIT':
          level = 1;
          break;
        case 'AVERAGE':
          level /= 2;
          break;
        case 'TAPERED': {
          const secondsOfDay = now - Math.floor(now / SECONDS_PER_DAY) * SECONDS_PER_DAY;
          const hoursLeft = Math.max(0, (opts.latestSecondsOfDay - secondsOfDay) / 3600);
          level *= Math.min(1, hoursLeft / TAPER_HOURS);
          break;
        }
      }
    }
    level = Math.min(opts.maxLevel, Math.max(1, level));
  }

  return {
    name: `vicidial:${opts.mode}`,
    observe(event: PacingEvent) {
      if (event.kind === 'resolved' && event.outcome === 'human') {
        dayAnswers += 1;
        recent.push({ at: event.atSeconds, dropped: false });
      } else if (event.kind === 'abandoned') {
        dayDrops += 1;
        recent.push({ at: event.atSeconds, dropped: true });
      }
    },
    decide(obs: PacingObservation) {
      const now = obs.nowSeconds;
      const today = Math.floor(now / SECONDS_PER_DAY);
      if (today !== day) {
        day = today;
        dayAnswers = 0;
        dayDrops = 0;
        dayDropRate = 0;
        level = 1;
      }
      const counts = countObservation(obs);
      if (now - lastSampleAt >= 1) {
        lastSampleAt = now;
        samples.push({ ready: counts.idle, agents: vicidialAgents(obs), waiting: counts.waitingForAgent });
        if (samples.length > SAMPLE_WINDOW) samples.shift();
      }
      if (now - lastStatsAt >= DROP_STATS_PERIOD_SECONDS) {
        lastStatsAt = now;
        dayDropRate = dayAnswers > 0 ? dayDrops / dayAnswers : 0;
      }
      if (now - lastAdaptAt >= ADAPT_PERIOD_SECONDS) {
        lastAdaptAt = now;
        adapt(now);
      }
      const goal = Math.round(level * vicidialAgents(obs));
      return clampDials(obs, goal - (counts.inFlight + counts.talk));
    },
  };
}

export interface ErlangBOptions {
  /** Prior live-answer probability per dial until enough calls resolved. */
  priorLiveProbability: number;
  /** Prior mean handle time (talk + wrap), seconds. */
  priorHandleSeconds: number;
  /** Resolved calls before the running estimates replace the priors. */
  minResolved: number;
}

export const defaultErlangBOptions: ErlangBOptions = {
  priorLiveProbability: 0.2,
  priorHandleSeconds: 300,
  minResolved: 50,
};

/**
 * Open-loop Erlang-B dialing (§2.5, §5.7 item 3): offered live load a* = max{a : B(n, a) ≤ α}, dial
 * rate a* / (h·p), placed as a deterministic fluid rate (credit accumulates between calls). It looks
 * at nothing but the logged-in agent count, so it shows what state feedback is worth.
 */
export function erlangBPolicy(options: Partial<ErlangBOptions> = {}): PacingPolicy {
  const opts = { ...defaultErlangBOptions, ...options };
  let resolved = 0;
  let live = 0;
  let handled = 0;
  let handleSum = 0;
  let credit = 0;
  let lastAt = Number.NaN;
  let cachedN = -1;
  let cachedAlpha = -1;
  let cachedLoad = 0;

  return {
    name: 'erlang-b',
    observe(event) {
      if (event.kind === 'resolved') {
        resolved += 1;
        if (event.outcome === 'human') live += 1;
      } else if (event.kind === 'handled') {
        handled += 1;
        handleSum += event.talkSeconds + event.wrapSeconds;
      }
    },
    decide(obs) {
      const counts = countObservation(obs);
      const dt = Number.isNaN(lastAt) ? 0 : Math.max(0, obs.nowSeconds - lastAt);
      lastAt = obs.nowSeconds;
      if (counts.active === 0) {
        credit = 0;
        return 0;
      }
      const p = resolved >= opts.minResolved && live > 0 ? live / resolved : opts.priorLiveProbability;
      const h = handled >= opts.minResolved / 5 ? handleSum / handled : opts.priorHandleSeconds;
      const alpha = obs.target.maxAbandonRate;
      if (counts.active !== cachedN || alpha !== cachedAlpha) {
        cachedN = counts.active;
        cachedAlpha = alpha;
        cachedLoad = erlangBMaxLoad(counts.active, alpha);
      }
      const dialsPerSecond = cachedLoad / (h * p);
      credit = Math.min(credit + dialsPerSecond * dt, counts.active * obs.caps.maxLinesPerAgent);
      const dials = clampDials(obs, Math.floor(credit));
      credit -= dials;
      return dials;
    },
  };
}
