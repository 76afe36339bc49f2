/**
 * Workload files for pacebench (research/pacing.md §5.3): data, never code. A workload is YAML or
 * JSON validated on load; every refusal names the file, the field path and what is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Distribution } from './distributions.js';

export const SECONDS_PER_HOUR = 3600;
const SUM_TOLERANCE = 1e-9;

const positive = z.number().positive();
const nonNegative = z.number().min(0);
const probability = z.number().min(0).max(1);

function tagged<K extends string, S extends z.ZodType>(key: K, inner: S) {
  return z.object({ [key]: inner } as { [P in K]: S }).strict();
}

const distributionTags = ['constant', 'exponential', 'uniform', 'normal', 'lognormal', 'lognormalMedian'];

const distributionSchema = z.unknown().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: `must be one of {${distributionTags.join('|')}: …}` });
    return;
  }
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !distributionTags.includes(key)) {
    ctx.addIssue({
      code: 'custom',
      message: `must have exactly one of the keys ${distributionTags.join(', ')}; got ${keys.join(', ') || 'none'}`,
    });
    return;
  }
  const schemas: Record<string, z.ZodType> = {
    constant: tagged('constant', nonNegative),
    exponential: tagged('exponential', z.object({ mean: positive }).strict()),
    uniform: tagged(
      'uniform',
      z
        .object({ min: nonNegative, max: nonNegative })
        .strict()
        .refine((u) => u.max >= u.min, { message: 'max must be ≥ min', path: ['max'] }),
    ),
    normal: tagged(
      'normal',
      z
        .object({ mean: z.number(), sd: nonNegative, min: nonNegative, max: nonNegative })
        .strict()
        .refine((n) => n.max >= n.min, { message: 'max must be ≥ min', path: ['max'] }),
    ),
    lognormal: tagged('lognormal', z.object({ mean: positive, cv: positive }).strict()),
    lognormalMedian: tagged('lognormalMedian', z.object({ median: positive, sigma: positive }).strict()),
  };
  const result = (schemas[key] as z.ZodType).safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as (string | number)[] });
    }
  }
}) as unknown as z.ZodType<Distribution>;

const outcomesSchema = z
  .object({
    human: probability,
    machine: probability,
    busy: probability,
    sit: probability,
    noAnswer: probability,
  })
  .strict()
  .superRefine((o, ctx) => {
    const sum = o.human + o.machine + o.busy + o.sit + o.noAnswer;
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      ctx.addIssue({ code: 'custom', message: `probabilities sum to ${Number(sum.toFixed(6))}, must be 1` });
    }
  });

const agentGroupSchema = z
  .object({
    count: z.number().int().positive(),
    loginHours: nonNegative,
    logoutHours: positive,
    /** Logins spread evenly over this many minutes after `loginHours`. */
    staggerMinutes: nonNegative.default(0),
    pauses: z.array(z.object({ atHours: nonNegative, minutes: positive }).strict()).default([]),
  })
  .strict()
  .refine((g) => g.logoutHours > g.loginHours, {
    message: 'must be after loginHours',
    path: ['logoutHours'],
  });

export const workloadSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().default(''),
    shift: z
      .object({
        hours: positive,
        /** Working days, Monday to Friday on the calendar (W6: 22). */
        days: z.number().int().positive().default(1),
        /** Excluded from occupancy at the start of each day, kept in abandonment (§5.6). */
        warmupMinutes: nonNegative.default(15),
      })
      .strict(),
    tickSeconds: positive.default(1),
    agents: z.array(agentGroupSchema).min(1),
    /** Rotating short breaks: each hour this share of agents pauses for `minutes` (W5). */
    breaks: z.object({ fractionPerHour: probability, minutes: positive }).strict().optional(),
    outcomes: outcomesSchema,
    /** Share of live humans who are the right party (collections RPC). */
    rightPartyShare: probability,
    dial: z
      .object({
        /** Ring no longer than this; a later answer is a no-answer (§5.3). */
        answerTimeoutSeconds: positive,
        /** Legal minimum ring (FTC 310.4(b)(4)(iii): 15 s or 4 rings); baselines never cancel early. */
        minRingSeconds: nonNegative,
        humanAnswer: distributionSchema,
        machineAnswer: distributionSchema,
        busy: distributionSchema,
        sit: distributionSchema,
        /** When absent a no-answer resolves at the timeout; the Markov twins give a distribution. */
        noAnswer: distributionSchema.optional(),
      })
      .strict(),
    amd: z
      .object({
        humanDelay: distributionSchema,
        machineDelay: distributionSchema,
        /** Human classified machine and hung up on. */
        falsePositive: probability,
        /** Machine classified human and routed to an agent. */
        falseNegative: probability,
        falseNegativeTalk: distributionSchema,
        falseNegativeWrap: distributionSchema,
      })
      .strict(),
    talk: z.object({ rightParty: distributionSchema, wrongParty: distributionSchema }).strict(),
    wrap: distributionSchema,
    answerProfile: z
      .object({
        /** Human-answer multiplier per hour of the shift (the last value holds after the end). */
        hourly: z.array(positive).min(1).optional(),
        bursts: z
          .array(z.object({ atHours: nonNegative, minutes: positive, multiplier: positive }).strict())
          .default([]),
        /** From `atHours` on, a further multiplier (a list switch). */
        steps: z.array(z.object({ atHours: nonNegative, multiplier: positive }).strict()).default([]),
        /** Day-to-day multiplier, one draw per day (W6). */
        dailyMultiplier: distributionSchema.optional(),
      })
      .strict()
      .optional(),
    caps: z.object({ trunkCap: z.number().int().positive(), maxLinesPerAgent: positive }).strict(),
    abandonment: z
      .object({
        rule: z.enum(['FTC', 'Ofcom']),
        maxRate: probability.default(0.03),
        /** Hold a live answer this long for an agent before abandoning it (§5.1 step 4). */
        graceSeconds: nonNegative,
      })
      .strict(),
  })
  .strict()
  .superRefine((w, ctx) => {
    const profile = w.answerProfile;
    if (!profile) return;
    const peak =
      Math.max(...(profile.hourly ?? [1])) *
      Math.max(1, ...profile.bursts.map((b) => b.multiplier)) *
      profile.steps.reduce((m, s) => m * Math.max(1, s.multiplier), 1);
    if (w.outcomes.human * peak > 1 && profile.dailyMultiplier === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['answerProfile'],
        message: `peak human probability ${Number((w.outcomes.human * peak).toFixed(4))} exceeds 1`,
      });
    }
  });

export type Workload = z.infer<typeof workloadSchema>;

export class WorkloadError extends Error {
  readonly code = 'PACEBENCH_WORKLOAD_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'WorkloadError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = 'is required';
  if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.join(', ')}`;
  return `${where}: ${message}`;
}

/** Validates parsed data; `file` names the source in error messages. */
export function parseWorkload(data: unknown, file: string): Workload {
  const result = workloadSchema.safeParse(data);
  if (!result.success) throw new WorkloadError(file, result.error.issues.map(describeIssue));
  return result.data;
}

export function parseWorkloadText(text: string, file: string): Workload {
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new WorkloadError(file, [
      `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${String(error)}`,
    ]);
  }
  return parseWorkload(data, file);
}

export const WORKLOADS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workloads');

/** The ids of the workloads shipped in workloads/, in name order (W1…W6, W6-UK, the twins). */
export function shippedWorkloads(): string[] {
  return readdirSync(WORKLOADS_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** An id shipped in workloads/ (`W2`, `W1-M`) or a path to a YAML/JSON file. */
export function loadWorkload(idOrPath: string): Workload {
  const isId = /^[A-Za-z0-9-]+$/.test(idOrPath);
  const file = isId ? path.join(WORKLOADS_DIR, `${idOrPath}.yaml`) : idOrPath;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new WorkloadError(file, [isId ? `no shipped workload named ${idOrPath}` : 'cannot read the file']);
  }
  return parseWorkloadText(text, file);
}
