/**
 * A lead's destiny (research/pacing.md §5.1 step 1): drawn only from the stream ('lead', i) under the
 * run's seed, in a fixed order whatever the outcome, so every policy dials the same people (common
 * random numbers). The one input besides (seed, i) is the answer-rate multiplier at the moment of the
 * dial (W4/W6 profiles), which maps the same uniform to the outcome mix in force then.
 */
import type { Sampler } from './distributions.js';
import { compileDistribution } from './distributions.js';
import { reseedStream, Sfc32 } from './rng.js';
import type { Workload } from './workload.js';

export type DestinyOutcome = 'human' | 'machine' | 'busy' | 'sit' | 'no-answer';

export interface Destiny {
  outcome: DestinyOutcome;
  /** Seconds from the dial to the pick-up (human, machine) or to the resolution (the others). */
  resolveAfterSeconds: number;
  isRightParty: boolean;
  amdDelaySeconds: number;
  /** Human: AMD false positive (hung up on as a machine). Machine: false negative (routed). */
  isAmdError: boolean;
  /** Agent talk and wrap if routed: the person's for a human, the false-negative cost for a machine. */
  talkSeconds: number;
  wrapSeconds: number;
}

export interface CompiledWorkload {
  workload: Workload;
  humanAnswer: Sampler;
  machineAnswer: Sampler;
  busy: Sampler;
  sit: Sampler;
  noAnswer: Sampler | null;
  amdHuman: Sampler;
  amdMachine: Sampler;
  fnTalk: Sampler;
  fnWrap: Sampler;
  talkRight: Sampler;
  talkWrong: Sampler;
  wrap: Sampler;
  dailyMultiplier: Sampler | null;
}

export function compileWorkload(workload: Workload): CompiledWorkload {
  return {
    workload,
    humanAnswer: compileDistribution(workload.dial.humanAnswer),
    machineAnswer: compileDistribution(workload.dial.machineAnswer),
    busy: compileDistribution(workload.dial.busy),
    sit: compileDistribution(workload.dial.sit),
    noAnswer: workload.dial.noAnswer ? compileDistribution(workload.dial.noAnswer) : null,
    amdHuman: compileDistribution(workload.amd.humanDelay),
    amdMachine: compileDistribution(workload.amd.machineDelay),
    fnTalk: compileDistribution(workload.amd.falseNegativeTalk),
    fnWrap: compileDistribution(workload.amd.falseNegativeWrap),
    talkRight: compileDistribution(workload.talk.rightParty),
    talkWrong: compileDistribution(workload.talk.wrongParty),
    wrap: compileDistribution(workload.wrap),
    dailyMultiplier: workload.answerProfile?.dailyMultiplier
      ? compileDistribution(workload.answerProfile.dailyMultiplier)
      : null,
  };
}

/** Uniforms per lead: outcome, right party, AMD error, then two per field of `Field`. */
const enum Field {
  HumanAnswer,
  MachineAnswer,
  Busy,
  Sit,
  NoAnswer,
  AmdHuman,
  AmdMachine,
  TalkRight,
  TalkWrong,
  Wrap,
  FnTalk,
  FnWrap,
  Count,
}
const HEADER_UNIFORMS = 3;
const UNIFORMS_PER_LEAD = HEADER_UNIFORMS + 2 * Field.Count;
const uniforms = new Float64Array(UNIFORMS_PER_LEAD);
const leadRng = new Sfc32();

function sample(sampler: Sampler, field: Field): number {
  const i = HEADER_UNIFORMS + 2 * field;
  return sampler(uniforms[i] as number, uniforms[i + 1] as number);
}

export function drawDestiny(
  c: CompiledWorkload,
  seed: number,
  lead: number,
  humanMultiplier: number,
): Destiny {
  const rng = reseedStream(leadRng, seed, 'lead', lead);
  for (let i = 0; i < UNIFORMS_PER_LEAD; i += 1) uniforms[i] = rng.next();
  const uOutcome = uniforms[0] as number;
  const uRightParty = uniforms[1] as number;
  const uAmd = uniforms[2] as number;
  const timeout = c.workload.dial.answerTimeoutSeconds;

  const mix = c.workload.outcomes;
  const human = Math.min(1, mix.human * humanMultiplier);
  const rest = mix.human < 1 ? (1 - human) / (1 - mix.human) : 0;
  const machine = human + mix.machine * rest;
  const busy = machine + mix.busy * rest;
  const sit = busy + mix.sit * rest;
  const outcome: DestinyOutcome =
    uOutcome < human
      ? 'human'
      : uOutcome < machine
        ? 'machine'
        : uOutcome < busy
          ? 'busy'
          : uOutcome < sit
            ? 'sit'
            : 'no-answer';

  switch (outcome) {
    case 'human': {
      const at = sample(c.humanAnswer, Field.HumanAnswer);
      // An answer after the timeout is a no-answer at the timeout (§5.3).
      if (at > timeout) return unanswered('no-answer', timeout);
      const isRightParty = uRightParty < c.workload.rightPartyShare;
      return {
        outcome,
        resolveAfterSeconds: at,
        isRightParty,
        amdDelaySeconds: sample(c.amdHuman, Field.AmdHuman),
        isAmdError: uAmd < c.workload.amd.falsePositive,
        talkSeconds: isRightParty
          ? sample(c.talkRight, Field.TalkRight)
          : sample(c.talkWrong, Field.TalkWrong),
        wrapSeconds: sample(c.wrap, Field.Wrap),
      };
    }
    case 'machine': {
      const at = sample(c.machineAnswer, Field.MachineAnswer);
      if (at > timeout) return unanswered('no-answer', timeout);
      return {
        outcome,
        resolveAfterSeconds: at,
        isRightParty: false,
        amdDelaySeconds: sample(c.amdMachine, Field.AmdMachine),
        isAmdError: uAmd < c.workload.amd.falseNegative,
        talkSeconds: sample(c.fnTalk, Field.FnTalk),
        wrapSeconds: sample(c.fnWrap, Field.FnWrap),
      };
    }
    case 'busy':
      return unanswered(outcome, sample(c.busy, Field.Busy));
    case 'sit':
      return unanswered(outcome, sample(c.sit, Field.Sit));
    case 'no-answer':
      return unanswered(outcome, c.noAnswer ? sample(c.noAnswer, Field.NoAnswer) : timeout);
  }
}

function unanswered(outcome: DestinyOutcome, resolveAfterSeconds: number): Destiny {
  return {
    outcome,
    resolveAfterSeconds,
    isRightParty: false,
    amdDelaySeconds: 0,
    isAmdError: false,
    talkSeconds: 0,
    wrapSeconds: 0,
  };
}
