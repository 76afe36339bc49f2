/**
 * The two floors of research/pacing.md §2.5 and §5.7 items 2–3, for any workload: what progressive
 * dialing gets in closed form, and what open-loop Erlang-B dialing gets at the abandonment target.
 * A predictive policy must beat both; the Markov-twin optimum (markov-bound.ts) is the ceiling.
 *
 * Progressive, per agent: after each call the agent waits through failed attempts, one at a time,
 * until an attempt is routed to it (a live person, or a machine the detector took for one), so
 * wait per routed answer = (1 − q)/q · E[failed attempt] + E[time to a routed answer], q being the
 * chance an attempt is routed; occupancy = E[talk] / (E[talk] + wait), and utilisation the same with
 * talk + wrap. A person answering after the no-answer timeout counts as a no-answer that lasted the
 * timeout, as in the simulator. Means of truncated times come from a fixed quadrature of the
 * samplers, so the figures are deterministic.
 */
import { erlangB, erlangBMaxLoad } from '../../domain/pacing/erlang-b.js';
import type { Distribution } from './distributions.js';
import { compileDistribution, distributionMean } from './distributions.js';
import type { Workload } from './workload.js';

/** Quadrature points: the first uniform drives every sampler but the normal's angle. */
const GRID_MAIN = 4000;
const GRID_ANGLE = 16;

/** Agents over every group of the workload. */
export function agentCount(w: Workload): number {
  return w.agents.reduce((sum, g) => sum + g.count, 0);
}

/** E[talk] with a person, mixed by the right-party share. */
export function meanPersonTalkSeconds(w: Workload): number {
  return (
    w.rightPartyShare * distributionMean(w.talk.rightParty) +
    (1 - w.rightPartyShare) * distributionMean(w.talk.wrongParty)
  );
}

interface Truncated {
  /** P(T ≤ limit). */
  within: number;
  /** E[T | T ≤ limit] (0 when nothing falls within). */
  meanWithin: number;
}

/** P(T ≤ limit) and E[T | T ≤ limit] by a midpoint grid over the sampler's two uniforms. */
function truncated(dist: Distribution, limit: number): Truncated {
  const sample = compileDistribution(dist);
  const angles = 'normal' in dist ? GRID_ANGLE : 1;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < GRID_MAIN; i += 1) {
    for (let j = 0; j < angles; j += 1) {
      const t = sample((i + 0.5) / GRID_MAIN, (j + 0.5) / angles);
      if (t <= limit) {
        count += 1;
        sum += t;
      }
    }
  }
  const total = GRID_MAIN * angles;
  return { within: count / total, meanWithin: count > 0 ? sum / count : 0 };
}

export interface ProgressiveFloor {
  /** Chance an attempt is routed to an agent (live person or AMD false negative). */
  routedPerAttempt: number;
  /** Seconds an agent waits per routed answer. */
  waitPerRoutedSeconds: number;
  /** E[talk] per routed answer, seconds (a false negative's talk included, as the simulator does). */
  talkSeconds: number;
  /** E[wrap] per routed answer, seconds. */
  wrapSeconds: number;
  occupancyTalk: number;
  utilisation: number;
}

export function progressiveFloor(w: Workload): ProgressiveFloor {
  const o = w.outcomes;
  const d = w.dial;
  const timeout = d.answerTimeoutSeconds;
  const human = truncated(d.humanAnswer, timeout);
  const machine = truncated(d.machineAnswer, timeout);
  const humanDelay = distributionMean(w.amd.humanDelay);
  const machineDelay = distributionMean(w.amd.machineDelay);
  const fp = w.amd.falsePositive;
  const fn = w.amd.falseNegative;
  const noAnswer = d.noAnswer ? truncated(d.noAnswer, timeout) : { within: 0, meanWithin: 0 };
  const noAnswerSeconds = noAnswer.within * noAnswer.meanWithin + (1 - noAnswer.within) * timeout;

  // Routed attempts: people answering in time whom the detector lets through, machines it does not
  // catch. Each with its chance per dial and its time from the dial to the agent.
  const routedHuman = o.human * human.within * (1 - fp);
  const routedMachine = o.machine * machine.within * fn;
  const routed = routedHuman + routedMachine;
  if (!(routed > 0)) {
    return {
      routedPerAttempt: 0,
      waitPerRoutedSeconds: Number.POSITIVE_INFINITY,
      talkSeconds: 0,
      wrapSeconds: 0,
      occupancyTalk: 0,
      utilisation: 0,
    };
  }
  const routedSeconds =
    (routedHuman * (human.meanWithin + humanDelay) + routedMachine * (machine.meanWithin + machineDelay)) /
    routed;
  // Everything else fails, each after its own duration.
  const failedMass =
    o.human * human.within * fp * (human.meanWithin + humanDelay) +
    o.human * (1 - human.within) * timeout +
    o.machine * machine.within * (1 - fn) * (machine.meanWithin + machineDelay) +
    o.machine * (1 - machine.within) * timeout +
    o.busy * distributionMean(d.busy) +
    o.sit * distributionMean(d.sit) +
    o.noAnswer * noAnswerSeconds;
  const failedShare = 1 - routed;
  const failedSeconds = failedShare > 0 ? failedMass / failedShare : 0;
  const wait = (failedShare / routed) * failedSeconds + routedSeconds;

  const personTalk = meanPersonTalkSeconds(w);
  const talk =
    (routedHuman * personTalk + routedMachine * distributionMean(w.amd.falseNegativeTalk)) / routed;
  const wrap =
    (routedHuman * distributionMean(w.wrap) + routedMachine * distributionMean(w.amd.falseNegativeWrap)) /
    routed;
  return {
    routedPerAttempt: routed,
    waitPerRoutedSeconds: wait,
    talkSeconds: talk,
    wrapSeconds: wrap,
    occupancyTalk: talk / (talk + wait),
    utilisation: (talk + wrap) / (talk + wrap + wait),
  };
}

export interface ErlangBFloor {
  /** Offered live load a* = max{a : B(n, a) ≤ α}, in Erlangs. */
  load: number;
  /** B(n, a*). */
  blocking: number;
  /** a*(1 − B)/n: the share of agent time handling calls. */
  utilisation: number;
  /** The same scaled by E[talk] / E[talk + wrap], comparable with `occupancyTalk`. */
  occupancyTalk: number;
}

/** Open-loop Poisson dialing at the largest load Erlang-B keeps within the abandonment target. */
export function erlangBFloor(w: Workload): ErlangBFloor {
  const n = agentCount(w);
  const load = erlangBMaxLoad(n, w.abandonment.maxRate);
  const blocking = erlangB(n, load);
  const utilisation = n > 0 ? (load * (1 - blocking)) / n : 0;
  const talk = meanPersonTalkSeconds(w);
  const handle = talk + distributionMean(w.wrap);
  return { load, blocking, utilisation, occupancyTalk: handle > 0 ? (utilisation * talk) / handle : 0 };
}
