/**
 * The Markov-twin bound (research/pacing.md §5.7 item 4, Appendix A): the exact optimum over all
 * non-anticipative policies of the CTMC with state (b busy agents ≤ n, r calls in flight ≤ rMax).
 *
 * - The dialer may raise r to any r' ≥ r at any moment (instant dials).
 * - A busy agent finishes at rate μ (b → b−1).
 * - A call in flight resolves at rate θ (r → r−1): live with probability p, which connects (b → b+1,
 *   reward +1) when b < n and is abandoned (cost λ) when b = n.
 *
 * The constrained problem "maximise connects s.t. abandoned live answers ≤ α × live answers" is solved by
 * Lagrangian relative value iteration on the post-decision value h[b, r] (uniformised with
 * L = nμ + rMax·θ; the decision max over r' ≥ r is a suffix max), with bisection on λ. Each candidate
 * policy is evaluated exactly through its stationary distribution (power iteration on the uniformised
 * chain restricted to the states the policy can reach).
 */
import { agentCount, meanPersonTalkSeconds } from './closed-forms.js';
import { distributionMean } from './distributions.js';
import type { Workload } from './workload.js';

export interface MarkovTwinParams {
  /** Agents. */
  n: number;
  /** Probability that a resolved call is live (p_eff). */
  p: number;
  /** Handle completion rate per busy agent, 1/E[talk + wrap] (per second). */
  mu: number;
  /** Resolution rate per call in flight, 1/E[attempt duration] (per second). */
  theta: number;
  /** Target abandon ratio (abandoned live answers / live answers), e.g. 0.03. */
  alpha: number;
  /** Cap on calls in flight. */
  rMax: number;
  /** Relative width of the gain bracket that stops value iteration (default 1e-5). */
  valueTolerance?: number;
  /** Stopping tolerance of the stationary evaluation (default 1e-7). */
  tolerance?: number;
  /** Bisection steps on λ in [0, 8] (default 12; the bracket grows while λ = 8 is infeasible). */
  bisectionSteps?: number;
}

export interface MarkovTwinEvaluation {
  /** E[b]/n. */
  occupancy: number;
  /** θ·p·E[r; b = n] / (θ·p·E[r]): abandoned live answers / live answers. */
  abandonRate: number;
  /** E[r]. */
  meanInFlight: number;
  /** Connects per second, μ·E[b]. */
  connectRate: number;
  /** Stationary probability of the states with r = rMax (the cap binds there). */
  capMass: number;
}

export interface MarkovTwinResult extends MarkovTwinEvaluation {
  /** The Lagrange multiplier of the reported (feasible) policy. */
  lambda: number;
  /** r*(b): calls in flight the optimal policy dials up to when b agents are busy, b = 0…n. */
  threshold: number[];
  /** Value-iteration sweeps summed over all bisection steps. */
  iterations: number;
  /** Power-iteration sweeps summed over all evaluations. */
  evaluationIterations: number;
  /** λ values tried. */
  bisectionSteps: number;
  /**
   * The optimum at exactly α: time-sharing between the two bracketing policies (the feasible one
   * above and the last infeasible one), mixed so the long-run abandoned live answers are exactly α
   * of the live answers (§5.7 "randomise between the two bracketing policies"). With one linear
   * constraint (drops − α·live ≤ 0 on long-run averages) the CMDP optimum lies on this segment.
   * Equal to `occupancy` when the feasible policy already sits at α or nothing infeasible was seen.
   */
  atAlpha: { occupancy: number; abandonRate: number; infeasibleShare: number };
}

interface Model {
  n: number;
  p: number;
  mu: number;
  theta: number;
  rMax: number;
  /** rMax + 1: the row length of every state array (index b·stride + r). */
  stride: number;
  size: number;
  tolerance: number;
  valueTolerance: number;
}

function model(params: MarkovTwinParams): Model {
  const { n, p, mu, theta, alpha, rMax } = params;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(rMax) || rMax < 1)
    throw new RangeError(`rMax must be a positive integer, got ${rMax}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`p must be in (0, 1], got ${p}`);
  if (!(mu > 0) || !(theta > 0)) throw new RangeError('mu and theta must be positive');
  if (!(alpha >= 0 && alpha < 1)) throw new RangeError(`alpha must be in [0, 1), got ${alpha}`);
  const stride = rMax + 1;
  return {
    n,
    p,
    mu,
    theta,
    rMax,
    stride,
    size: (n + 1) * stride,
    tolerance: params.tolerance ?? 1e-7,
    valueTolerance: params.valueTolerance ?? 1e-5,
  };
}

/** best[b, r] = max over r' ≥ r of h[b, r']; arg[b, r] is the smallest maximiser. */
function suffixMax(m: Model, h: Float64Array, best: Float64Array, arg?: Int32Array, offset = 0): void {
  const { n, rMax, stride } = m;
  for (let b = 0; b <= n; b += 1) {
    const row = b * stride;
    let top = (h[row + rMax] as number) - offset;
    let at = rMax;
    best[row + rMax] = top;
    if (arg) arg[row + rMax] = rMax;
    for (let r = rMax - 1; r >= 0; r -= 1) {
      const v = (h[row + r] as number) - offset;
      // Ties (within rounding) go to the smaller r': never dial a call that buys nothing.
      if (v >= top - 1e-12 * Math.max(1, Math.abs(top))) {
        if (v > top) top = v;
        at = r;
      }
      best[row + r] = top;
      if (arg) arg[row + r] = at;
    }
  }
}

/**
 * Relative value iteration for one λ, warm-started from `start` (overwritten with the normalised
 * result). Returns the sweeps used and the decision table d[b, r] = argmax_{r' ≥ r} h[b, r'].
 */
function solveLagrangian(
  m: Model,
  lambda: number,
  start: Float64Array,
): { decision: Int32Array; iterations: number } {
  const { n, p, mu, theta, rMax, stride, size, valueTolerance } = m;
  const L = n * mu + rMax * theta;
  const best = new Float64Array(size);
  let h: Float64Array = start;
  let next: Float64Array = new Float64Array(size);
  const q = 1 - p;
  const maxIterations = 5_000_000;
  let iterations = 0;
  // h is kept unnormalised; `offset` (its value at (0, 0)) is subtracted when taking the suffix max.
  let offset = 0;
  for (; iterations < maxIterations; iterations += 1) {
    // Suffix max of the normalised h (the decision r' ≥ r), row by row.
    for (let b = 0; b <= n; b += 1) {
      const row = b * stride;
      let top = -Infinity;
      for (let i = row + rMax; i >= row; i -= 1) {
        const v = (h[i] as number) - offset;
        if (v > top) top = v;
        best[i] = top;
      }
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let b = 0; b <= n; b += 1) {
      const row = b * stride;
      const bmu = b * mu;
      // Completion term (b → b−1), zero in row 0.
      const down = b > 0 ? (b - 1) * stride : row;
      // Live answer: connect (+1, b → b+1) below n, abandon (−λ, b stays) at n.
      const liveRow = b < n ? (b + 1) * stride : row;
      const liveReward = b < n ? 1 : -lambda;
      {
        // r = 0: nothing in flight.
        const v = ((L - bmu) * (best[row] as number) + bmu * (best[down] as number)) / L;
        next[row] = v;
        const d = v - ((h[row] as number) - offset);
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
      for (let r = 1; r <= rMax; r += 1) {
        const i = row + r;
        const rth = r * theta;
        const v =
          ((L - bmu - rth) * (best[i] as number) +
            bmu * (best[down + r] as number) +
            rth * (p * (liveReward + (best[liveRow + r - 1] as number)) + q * (best[i - 1] as number))) /
          L;
        next[i] = v;
        const d = v - ((h[i] as number) - offset);
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
    const swap = h;
    h = next;
    next = swap;
    offset = h[0] as number;
    // The gain per uniformised step lies in [lo, hi]; stop when the bracket is tight.
    const gain = Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
    if (hi - lo <= valueTolerance * gain) {
      iterations += 1;
      break;
    }
  }
  for (let i = 0; i < size; i += 1) start[i] = (h[i] as number) - offset;
  const decision = new Int32Array(size);
  suffixMax(m, start, best, decision);
  return { decision, iterations };
}

/**
 * Stationary distribution of the chain under `decision` over the post-decision states reachable from
 * (n, d[n, 0]), by power iteration on the uniformised chain restricted to them. Returns the full-size
 * distribution.
 */
function evaluate(m: Model, decision: Int32Array): { evaluation: MarkovTwinEvaluation; iterations: number } {
  const { n, p, mu, theta, stride, size, tolerance } = m;
  // Breadth-first search over reachable post-decision states; compact numbering.
  const slot = new Int32Array(size).fill(-1);
  const states: number[] = [];
  const visit = (i: number) => {
    if (slot[i] === -1) {
      slot[i] = states.length;
      states.push(i);
    }
  };
  const successors = (i: number): [number, number, number] => {
    const b = Math.floor(i / stride);
    const r = i - b * stride;
    const down = b > 0 ? (b - 1) * stride + (decision[(b - 1) * stride + r] as number) : -1;
    const same = r > 0 ? b * stride + (decision[b * stride + r - 1] as number) : -1;
    const up = r > 0 && b < n ? (b + 1) * stride + (decision[(b + 1) * stride + r - 1] as number) : -1;
    return [down, same, up];
  };
  visit(n * stride + (decision[n * stride] as number));
  for (let k = 0; k < states.length; k += 1) {
    for (const j of successors(states[k] as number)) if (j >= 0) visit(j);
  }
  const K = states.length;
  let L = 0;
  for (const i of states) {
    const b = Math.floor(i / stride);
    L = Math.max(L, b * mu + (i - b * stride) * theta);
  }
  // Transition table: stay, down, same (non-live, or live when b = n), up (live when b < n).
  const stay = new Float64Array(K);
  const toDown = new Int32Array(K);
  const toSame = new Int32Array(K);
  const toUp = new Int32Array(K);
  const pDown = new Float64Array(K);
  const pSame = new Float64Array(K);
  const pUp = new Float64Array(K);
  const bOf = new Float64Array(K);
  const rOf = new Float64Array(K);
  for (let k = 0; k < K; k += 1) {
    const i = states[k] as number;
    const b = Math.floor(i / stride);
    const r = i - b * stride;
    bOf[k] = b;
    rOf[k] = r;
    const [down, same, up] = successors(i);
    const out = b * mu + r * theta;
    stay[k] = 1 - out / L;
    toDown[k] = down >= 0 ? (slot[down] as number) : k;
    pDown[k] = down >= 0 ? (b * mu) / L : 0;
    toSame[k] = same >= 0 ? (slot[same] as number) : k;
    pSame[k] = same >= 0 ? ((r * theta) / L) * (b < n ? 1 - p : 1) : 0;
    toUp[k] = up >= 0 ? (slot[up] as number) : k;
    pUp[k] = up >= 0 ? ((r * theta) / L) * p : 0;
  }
  let pi = new Float64Array(K).fill(1 / K);
  let next = new Float64Array(K);
  let iterations = 0;
  let previous = { occ: -1, ab: -1 };
  const maxIterations = 50_000_000;
  const checkEvery = 100;
  for (;;) {
    next.fill(0);
    for (let k = 0; k < K; k += 1) {
      const w = pi[k] as number;
      const down = toDown[k] as number;
      const same = toSame[k] as number;
      const up = toUp[k] as number;
      next[k] = (next[k] as number) + w * (stay[k] as number);
      next[down] = (next[down] as number) + w * (pDown[k] as number);
      next[same] = (next[same] as number) + w * (pSame[k] as number);
      next[up] = (next[up] as number) + w * (pUp[k] as number);
    }
    const swap = pi;
    pi = next;
    next = swap;
    iterations += 1;
    if (iterations % checkEvery === 0 || iterations >= maxIterations) {
      let eb = 0;
      let er = 0;
      let erFull = 0;
      for (let k = 0; k < K; k += 1) {
        const w = pi[k] as number;
        eb += w * (bOf[k] as number);
        er += w * (rOf[k] as number);
        if (bOf[k] === n) erFull += w * (rOf[k] as number);
      }
      // Stationarity: connects θ·p·E[r; b < n] balance completions μ·E[b], and the figures settled.
      const balance = Math.abs(mu * eb - theta * p * (er - erFull)) / (mu * eb);
      const occ = eb / n;
      const ab = erFull / er;
      const moved = Math.max(Math.abs(occ - previous.occ), Math.abs(ab - previous.ab));
      previous = { occ, ab };
      if ((balance < tolerance * 10 && moved < tolerance) || iterations >= maxIterations) break;
    }
  }
  const full = new Float64Array(size);
  for (let k = 0; k < K; k += 1) full[states[k] as number] = pi[k] as number;
  const { liveConnectRate: _unused, ...evaluation } = measure(m, full);
  void _unused;
  return { evaluation, iterations };
}

function measure(m: Model, pi: Float64Array): MarkovTwinEvaluation & { liveConnectRate: number } {
  const { n, p, mu, theta, rMax, stride } = m;
  let eb = 0;
  let er = 0;
  let erFull = 0;
  let capMass = 0;
  let mass = 0;
  for (let b = 0; b <= n; b += 1) {
    const row = b * stride;
    for (let r = 0; r <= rMax; r += 1) {
      const w = pi[row + r] as number;
      if (w === 0) continue;
      mass += w;
      eb += w * b;
      er += w * r;
      if (b === n) erFull += w * r;
      if (r === rMax) capMass += w;
    }
  }
  eb /= mass;
  er /= mass;
  erFull /= mass;
  return {
    occupancy: eb / n,
    abandonRate: er > 0 ? erFull / er : 0,
    meanInFlight: er,
    connectRate: mu * eb,
    liveConnectRate: theta * p * (er - erFull),
    capMass: capMass / mass,
  };
}

function thresholds(m: Model, decision: Int32Array): number[] {
  const out: number[] = [];
  for (let b = 0; b <= m.n; b += 1) out.push(decision[b * m.stride] as number);
  return out;
}

/** The exact Markov-twin optimum at abandon ratio ≤ α (the largest-occupancy feasible λ found). */
export function markovTwinOptimum(params: MarkovTwinParams): MarkovTwinResult {
  const m = model(params);
  const steps = params.bisectionSteps ?? 12;
  const h = new Float64Array(m.size);
  let iterations = 0;
  let evaluationIterations = 0;
  let tried = 0;
  const run = (lambda: number) => {
    const solved = solveLagrangian(m, lambda, h);
    const evaluated = evaluate(m, solved.decision);
    iterations += solved.iterations;
    evaluationIterations += evaluated.iterations;
    tried += 1;
    return { lambda, decision: solved.decision, ...evaluated.evaluation };
  };
  let lo = 0;
  let hi = 8;
  let highRun = run(hi);
  let lowRun: ReturnType<typeof run> | null = null;
  while (highRun.abandonRate > params.alpha && hi < 1e6) {
    lo = hi;
    lowRun = highRun;
    hi *= 4;
    highRun = run(hi);
  }
  for (let i = 0; i < steps; i += 1) {
    const mid = (lo + hi) / 2;
    const midRun = run(mid);
    if (midRun.abandonRate <= params.alpha) {
      hi = mid;
      highRun = midRun;
    } else {
      lo = mid;
      lowRun = midRun;
    }
  }
  if (lowRun === null && lo === 0 && highRun.abandonRate < params.alpha) lowRun = run(0);
  return finish(highRun, lowRun);

  function timeShare(feasible: ReturnType<typeof run>, infeasible: ReturnType<typeof run> | null) {
    const alpha = params.alpha;
    const none = { occupancy: feasible.occupancy, abandonRate: feasible.abandonRate, infeasibleShare: 0 };
    if (infeasible === null || infeasible.abandonRate <= alpha) return none;
    // Live answers per unit time are θ·p·E[r]; drops are that times the abandon ratio. Slack of the
    // constraint drops − α·live, per policy (θ·p cancels):
    const slack = (e: MarkovTwinEvaluation) => e.meanInFlight * (e.abandonRate - alpha);
    const over = slack(infeasible);
    const under = slack(feasible);
    if (!(over > 0) || under > 0) return none;
    const share = -under / (over - under);
    const live = (e: MarkovTwinEvaluation) => e.meanInFlight;
    const drops = (e: MarkovTwinEvaluation) => e.meanInFlight * e.abandonRate;
    return {
      occupancy: share * infeasible.occupancy + (1 - share) * feasible.occupancy,
      abandonRate:
        (share * drops(infeasible) + (1 - share) * drops(feasible)) /
        (share * live(infeasible) + (1 - share) * live(feasible)),
      infeasibleShare: share,
    };
  }

  function finish(
    chosen: ReturnType<typeof run>,
    infeasible: ReturnType<typeof run> | null,
  ): MarkovTwinResult {
    return {
      atAlpha: timeShare(chosen, infeasible),
      occupancy: chosen.occupancy,
      abandonRate: chosen.abandonRate,
      meanInFlight: chosen.meanInFlight,
      connectRate: chosen.connectRate,
      capMass: chosen.capMass,
      lambda: chosen.lambda,
      threshold: thresholds(m, chosen.decision),
      iterations,
      evaluationIterations,
      bisectionSteps: tried,
    };
  }
}

export interface TwinParameters {
  n: number;
  pHuman: number;
  falsePositive: number;
  /** p_eff = p_human × (1 − FP). */
  p: number;
  /** E[talk + wrap] in seconds (talk mixed by the right-party share). */
  meanHandle: number;
  meanTalk: number;
  mu: number;
  /** E[attempt duration] over all outcomes, AMD delay folded in, in seconds. */
  meanAttempt: number;
  theta: number;
  alpha: number;
  lineCap: number;
  /** Anything in the workload the twin does not model. */
  warnings: string[];
}

/** §5.7 twin conventions applied to a workload (meant for W1-M…W3-M). */
export function twinParameters(w: Workload): TwinParameters {
  const warnings: string[] = [];
  const n = agentCount(w);
  if (w.agents.length > 1) warnings.push('several agent groups: n is their sum');
  const pHuman = w.outcomes.human;
  const falsePositive = w.amd.falsePositive;
  const p = pHuman * (1 - falsePositive);
  const meanTalk = meanPersonTalkSeconds(w);
  const meanHandle = meanTalk + distributionMean(w.wrap);
  const o = w.outcomes;
  const d = w.dial;
  const noAnswer = d.noAnswer ? distributionMean(d.noAnswer) : d.answerTimeoutSeconds;
  const meanAttempt =
    o.human * (distributionMean(d.humanAnswer) + distributionMean(w.amd.humanDelay)) +
    o.machine * (distributionMean(d.machineAnswer) + distributionMean(w.amd.machineDelay)) +
    o.busy * distributionMean(d.busy) +
    o.sit * distributionMean(d.sit) +
    o.noAnswer * noAnswer;
  const dials = [
    d.humanAnswer,
    d.machineAnswer,
    d.busy,
    d.sit,
    d.noAnswer,
    w.talk.rightParty,
    w.talk.wrongParty,
  ];
  if (dials.some((x) => x === undefined || !('exponential' in x))) {
    warnings.push('not a Markov twin (non-exponential times): the result is not a bound for this workload');
  }
  if (w.amd.falseNegative > 0) warnings.push('AMD false negatives are ignored (no extra handle time added)');
  if (w.abandonment.graceSeconds > 0) warnings.push('grace > 0 is ignored (the twin uses grace 0)');
  if (w.answerProfile) warnings.push('the answer profile is ignored (stationary twin)');
  const lineCap = Math.min(w.caps.trunkCap, Math.floor(w.caps.maxLinesPerAgent * n));
  return {
    n,
    pHuman,
    falsePositive,
    p,
    meanHandle,
    meanTalk,
    mu: 1 / meanHandle,
    meanAttempt,
    theta: 1 / meanAttempt,
    alpha: w.abandonment.maxRate,
    lineCap,
    warnings,
  };
}
