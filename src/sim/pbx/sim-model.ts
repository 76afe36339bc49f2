/**
 * The simulated customers: what happens when the dialer calls a number. A seeded, configurable model
 * (validated with zod) plus a number-suffix convention that forces an outcome, shared with the real
 * Asterisk lab (docs/asterisk/lab/extensions-lab.conf) so the same test numbers behave alike in both:
 *
 *   a number whose last 7 digits are 55501CC (555-0100..0199, reserved for fiction) forces code CC:
 *   01 human (talks ~4.5 s), 02 machine, 03 busy, 04 no-answer, 05 invalid number, 06 congestion,
 *   07 rejected, 08 human who hangs up ~2 s after answering, 09 human with a long talk (60 s).
 *
 * All times are model milliseconds; the server multiplies them by its timeScale.
 */
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { callRandom } from './prng.js';

export const SIM_OUTCOMES = [
  'human',
  'machine',
  'busy',
  'no-answer',
  'invalid',
  'congestion',
  'rejected',
] as const;
export type SimOutcome = (typeof SIM_OUTCOMES)[number];

const rangeSchema = z
  .strictObject({
    min: z.number().nonnegative(),
    max: z.number().nonnegative(),
    /** Optional peak: triangular distribution; without it, uniform between min and max. */
    mode: z.number().nonnegative().optional(),
  })
  .superRefine((range, ctx) => {
    if (range.min > range.max)
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `max (${range.max}) is below min (${range.min})`,
      });
    if (range.mode !== undefined && (range.mode < range.min || range.mode > range.max)) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: `mode (${range.mode}) is outside min..max` });
    }
  });
export type SimRange = z.infer<typeof rangeSchema>;

const probability = z.number().min(0).max(1);
const weight = z.number().nonnegative();

export const simModelSchema = z.strictObject({
  /** Relative weights of the outcomes; they need not sum to 1. */
  outcomeWeights: z
    .strictObject({
      human: weight,
      machine: weight,
      busy: weight,
      'no-answer': weight,
      invalid: weight,
      congestion: weight,
      rejected: weight,
    })
    .refine((w) => Object.values(w).some((v) => v > 0), {
      message: 'at least one outcome weight must be above 0',
    })
    .default({
      human: 0.3,
      machine: 0.15,
      busy: 0.1,
      'no-answer': 0.25,
      invalid: 0.05,
      congestion: 0.05,
      rejected: 0.1,
    }),
  /** Ringing before a human or a machine answers (a ring longer than the Originate Timeout is a no-answer). */
  ringMs: rangeSchema.default({ min: 2_000, max: 20_000, mode: 6_000 }),
  /** Ringing before a busy signal. */
  busyAfterMs: rangeSchema.default({ min: 0, max: 6_000, mode: 1_500 }),
  /** Delay before an invalid-number, congestion or rejected failure. */
  failAfterMs: rangeSchema.default({ min: 50, max: 1_500, mode: 300 }),
  /** AMD verdict after answer (app_amd: greeting plus 800 ms of silence for HUMAN). */
  amdDelayMs: rangeSchema.default({ min: 1_200, max: 4_000, mode: 2_200 }),
  /** AMD mistakes: share of humans reported MACHINE, of machines reported HUMAN. */
  amdErrorRate: z
    .strictObject({ humanAsMachine: probability, machineAsHuman: probability })
    .default({ humanAsMachine: 0.03, machineAsHuman: 0.1 }),
  /** A human hangs up this long after answering, unless the dialer hangs up first. */
  talkMs: rangeSchema.default({ min: 10_000, max: 300_000, mode: 60_000 }),
  /** Share of humans who hang up within earlyHangupMs of answering (before any agent speaks). */
  earlyHangupRate: probability.default(0.03),
  earlyHangupMs: rangeSchema.default({ min: 500, max: 3_000 }),
  /** An answering machine records this long, then hangs up. */
  machineHangupMs: rangeSchema.default({ min: 10_000, max: 40_000 }),
  /** Length of the safe-harbour message in dialer-drop (the lab's vm-goodbye played for ~880 ms). */
  safeHarborMs: z.number().nonnegative().default(900),
  /** An agent's auto-answer phone picks up after this long. */
  agentAnswerMs: z.number().nonnegative().default(50),
});

export type SimModel = z.infer<typeof simModelSchema>;
export type SimModelInput = z.input<typeof simModelSchema>;

/** Parses a model; a bad field is refused with its path named ("ringMs.max: ..."). */
export function parseSimModel(input: unknown = {}): SimModel {
  const parsed = simModelSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return { path: path === '' ? '(model)' : path, message: `${issue.message}${keys}` };
  });
  const lines = issues.map((i) => `${i.path}: ${i.message}`);
  throw new ValidationError(`Invalid simulated-PBX model: ${lines.join('; ')}`, issues);
}

export type AmdVerdict = 'HUMAN' | 'MACHINE';

/** Everything the playout needs to know about one call, decided up front. */
export interface CallPlan {
  readonly outcome: SimOutcome;
  /** Why: 'suffix' (55501CC), 'forced' (forceOutcome hook) or 'model'. */
  readonly source: 'suffix' | 'forced' | 'model';
  /** Time until answer (human/machine), busy signal (busy) or failure (invalid/congestion/rejected). */
  readonly ringMs: number;
  readonly amdVerdict: AmdVerdict;
  readonly amdCause: string;
  readonly amdDelayMs: number;
  /** The customer hangs up this long after answering unless the dialer hangs up first. */
  readonly hangupAfterAnswerMs: number;
}

const FORCED_SUFFIX = /55501(\d\d)$/;
/** The machine in the lab (extensions-lab.conf o02) is a 30 s greeting. */
const LAB_MACHINE_MS = 32_000;

/** Fixed plans matching the lab's sim-customer branches (timings measured there, Asterisk 22.10.1). */
const SUFFIX_PLANS: Readonly<Record<string, Omit<CallPlan, 'source'>>> = {
  '01': {
    outcome: 'human',
    ringMs: 1_000,
    amdVerdict: 'HUMAN',
    amdCause: 'HUMAN-800-800',
    amdDelayMs: 1_720,
    hangupAfterAnswerMs: 4_460,
  },
  '02': {
    outcome: 'machine',
    ringMs: 1_000,
    amdVerdict: 'MACHINE',
    amdCause: 'LONGGREETING-1500-1500',
    amdDelayMs: 2_220,
    hangupAfterAnswerMs: LAB_MACHINE_MS,
  },
  '03': {
    outcome: 'busy',
    ringMs: 1_000,
    amdVerdict: 'HUMAN',
    amdCause: '',
    amdDelayMs: 0,
    hangupAfterAnswerMs: 0,
  },
  '04': {
    outcome: 'no-answer',
    ringMs: 0,
    amdVerdict: 'HUMAN',
    amdCause: '',
    amdDelayMs: 0,
    hangupAfterAnswerMs: 0,
  },
  '05': {
    outcome: 'invalid',
    ringMs: 0,
    amdVerdict: 'HUMAN',
    amdCause: '',
    amdDelayMs: 0,
    hangupAfterAnswerMs: 0,
  },
  '06': {
    outcome: 'congestion',
    ringMs: 0,
    amdVerdict: 'HUMAN',
    amdCause: '',
    amdDelayMs: 0,
    hangupAfterAnswerMs: 0,
  },
  '07': {
    outcome: 'rejected',
    ringMs: 0,
    amdVerdict: 'HUMAN',
    amdCause: '',
    amdDelayMs: 0,
    hangupAfterAnswerMs: 0,
  },
  '08': {
    outcome: 'human',
    ringMs: 1_000,
    amdVerdict: 'HUMAN',
    amdCause: 'HUMAN-800-800',
    amdDelayMs: 1_720,
    hangupAfterAnswerMs: 1_940,
  },
  '09': {
    outcome: 'human',
    ringMs: 1_000,
    amdVerdict: 'HUMAN',
    amdCause: 'HUMAN-800-800',
    amdDelayMs: 1_720,
    hangupAfterAnswerMs: 60_000,
  },
};

/** The outcome code a number forces by the 55501CC convention, if any. */
export function suffixPlan(number: string): CallPlan | undefined {
  const code = FORCED_SUFFIX.exec(number)?.[1];
  const plan = code === undefined ? undefined : SUFFIX_PLANS[code];
  return plan ? { ...plan, source: 'suffix' } : undefined;
}

function draw(range: SimRange, u: number): number {
  const { min, max, mode } = range;
  if (max === min) return min;
  if (mode === undefined) return min + u * (max - min);
  // Inverse CDF of the triangular distribution.
  const split = (mode - min) / (max - min);
  return u < split
    ? min + Math.sqrt(u * (max - min) * (mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

function pickOutcome(weights: SimModel['outcomeWeights'], u: number): SimOutcome {
  const total = SIM_OUTCOMES.reduce((sum, o) => sum + weights[o], 0);
  let threshold = u * total;
  for (const outcome of SIM_OUTCOMES) {
    threshold -= weights[outcome];
    if (threshold < 0 && weights[outcome] > 0) return outcome;
  }
  return SIM_OUTCOMES.filter((o) => weights[o] > 0).at(-1) ?? 'human';
}

/**
 * Plans one call. Depends only on (seed, number, channelId, model, forced): the draws happen in a
 * fixed order whatever the outcome, so changing one field of the model never reshuffles the others.
 */
export function planCall(
  model: SimModel,
  seed: number | string,
  number: string,
  channelId: string,
  forced?: SimOutcome,
): CallPlan {
  const bySuffix = forced === undefined ? suffixPlan(number) : undefined;
  if (bySuffix) return bySuffix;
  const random = callRandom(seed, number, channelId);
  const u = Array.from({ length: 8 }, () => random());
  const [uOutcome = 0, uRing = 0, uBusy = 0, uFail = 0, uAmd = 0, uAmdError = 0, uTalk = 0, uEarly = 0] = u;
  const outcome = forced ?? pickOutcome(model.outcomeWeights, uOutcome);
  const ringMs =
    outcome === 'busy'
      ? draw(model.busyAfterMs, uBusy)
      : ['invalid', 'congestion', 'rejected'].includes(outcome)
        ? draw(model.failAfterMs, uFail)
        : draw(model.ringMs, uRing);
  const isMachine = outcome === 'machine';
  const misdetected =
    uAmdError < (isMachine ? model.amdErrorRate.machineAsHuman : model.amdErrorRate.humanAsMachine);
  const amdVerdict: AmdVerdict = isMachine !== misdetected ? 'MACHINE' : 'HUMAN';
  const amdDelayMs = Math.round(draw(model.amdDelayMs, uAmd));
  const isEarly = !isMachine && uEarly < model.earlyHangupRate;
  // Reuse uTalk for the early-hangup length: only one of the two is ever used for a call.
  const hangupAfterAnswerMs = isMachine
    ? draw(model.machineHangupMs, uTalk)
    : isEarly
      ? draw(model.earlyHangupMs, uTalk)
      : draw(model.talkMs, uTalk);
  return {
    outcome,
    source: forced === undefined ? 'model' : 'forced',
    ringMs: Math.round(ringMs),
    amdVerdict,
    amdCause: amdVerdict === 'MACHINE' ? `LONGGREETING-${amdDelayMs}-1500` : `HUMAN-${amdDelayMs}-800`,
    amdDelayMs,
    hangupAfterAnswerMs: Math.round(hangupAfterAnswerMs),
  };
}
