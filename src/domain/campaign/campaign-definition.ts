/**
 * The campaign file (campaigns/*.yaml) schema. Files are data, validated here on load; an invalid
 * file stops start-up with the file, the field path and what is wrong (adapters/campaign-files).
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { durationMs } from '../shared/duration.js';
import { SYSTEM_OUTCOMES } from '../calls/call-outcome.js';

export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

/** TSR 16 CFR 310.4(b)(4)(i) and Ofcom: an unanswered call rings at least 15 s before the dialer gives up. */
export const MIN_RING_TIMEOUT_MS = 15_000;
/** TSR / 47 CFR 64.1200(a)(7): a live person must hear an agent or the message within 2 s. */
export const MAX_CONNECT_GRACE_MS = 2_000;

const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and "-" (at most 63 characters)');

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'write local time as HH:MM, e.g. 08:00');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DAY_KINDS = [...WEEKDAYS, 'holiday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

const callingWindow = z
  .object({
    days: z.array(z.enum(DAY_KINDS)).min(1),
    from: localTime,
    /** Exclusive: "22:00" means the last call may start at 21:59. */
    to: localTime,
  })
  .strict()
  .refine((w) => w.from < w.to, { message: '"from" must be earlier than "to"', path: ['to'] });

const localizedText = z.union([
  z.string().min(1),
  z
    .object({ ru: z.string().min(1).optional(), en: z.string().min(1).optional() })
    .strict()
    .refine((t) => t.ru !== undefined || t.en !== undefined, 'give the text in ru, en or both'),
]);
export type LocalizedText = z.infer<typeof localizedText>;

/** What the dialer does after a system result of the telephony (no agent involved). */
const systemRetryRule = z
  .object({
    delay: durationMs.optional(),
    /** How many attempts of the lead may end with this outcome; when reached the lead is closed. */
    maxAttempts: z.number().int().min(0).max(100).optional(),
    /** "retry" (default), "final" closes the lead, "phone-bad" stops dialing that number. */
    action: z.enum(['retry', 'final', 'phone-bad']).default('retry'),
  })
  .strict();

export const DISPOSITION_ACTIONS = [
  'final', // conversation done, lead closed (e.g. paid, settled)
  'retry', // call again after `delay`
  'callback', // the agent schedules the next call (date, time, person's zone)
  'promise-to-pay', // amount and date; dialing waits until the date plus `delay`
  'do-not-call', // the person asked not to be called: DNC for the person, everywhere
  'wrong-number', // the number does not belong to the person: the phone is marked bad everywhere
  'refused', // refusal of interaction (230-FZ art. 8) or cease (Reg F 1006.6(c)): person flag
] as const;
export type DispositionAction = (typeof DISPOSITION_ACTIONS)[number];

const disposition = z
  .object({
    id: identifier,
    label: localizedText,
    action: z.enum(DISPOSITION_ACTIONS),
    delay: durationMs.optional(),
    /** A telephone conversation with the person took place (Reg F / 230-FZ counters). */
    conversation: z.boolean().default(true),
    /** Right-party contact: the debtor was identified. */
    rightParty: z.boolean().default(false),
    hotkey: z
      .string()
      .regex(/^[0-9a-z]$/, 'a hotkey is one digit or lower-case letter')
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.action === 'retry' && d.delay === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['delay'],
        message: 'a "retry" disposition needs a delay, e.g. 2h',
      });
    }
  });

const systemOutcomeKeys = SYSTEM_OUTCOMES.filter((o) => o !== 'connected');

export const campaignDefinitionSchema = z
  .object({
    id: identifier,
    name: z.string().min(1),
    description: z.string().optional(),
    /** Language of the agent screen and the script for this campaign. */
    locale: z.enum(['ru', 'en']).default('en'),
    enabled: z.boolean().default(true),
    dial: z
      .object({
        mode: z.enum(DIAL_MODES),
        ringTimeout: durationMs.default(25_000).refine((ms) => ms >= MIN_RING_TIMEOUT_MS, {
          message: `must be at least 15s (TSR / Ofcom minimum ring)`,
        }),
        /** Simultaneous calls this campaign may have in progress (trunk capacity). */
        maxLines: z.number().int().min(1).max(10_000).default(30),
        /** Upper bound of lines per logged-in agent (predictive). */
        maxLinesPerAgent: z.number().min(1).max(10).default(3),
        /** How long a preview may wait for the agent before the lead goes back. */
        previewTimeout: durationMs.default(60_000),
      })
      .strict(),
    pacing: z
      .object({
        maxAbandonRate: z.number().min(0).max(0.1).default(0.03),
        /** Window the abandonment cap is measured over: 30d (FTC TSR), 24h (Ofcom). */
        abandonWindow: durationMs.default(30 * 86_400_000),
        /** How long a live person may wait for an agent before the message is played. */
        connectGrace: durationMs.default(2_000).refine((ms) => ms <= MAX_CONNECT_GRACE_MS, {
          message: 'must be at most 2s (TSR / FCC: a live person hears an agent or the message within 2 s)',
        }),
        /**
         * Ofcom counts a person the answering-machine detector hung up on as an abandoned call; the
         * pacing policy then holds live-answer drops to what the detector's estimate leaves.
         */
        countAmdFalsePositives: z.boolean().default(false),
      })
      .strict()
      .default({
        maxAbandonRate: 0.03,
        abandonWindow: 30 * 86_400_000,
        connectGrace: 2_000,
        countAmdFalsePositives: false,
      }),
    callerId: z
      .object({
        number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number such as +74951234567'),
        name: z
          .string()
          .max(80)
          .regex(/^[^"\r\n\0]*$/, 'no quotes or line breaks'),
      })
      .strict(),
    agentGroup: identifier,
    script: identifier,
    compliance: z
      .object({
        /** Rule set id, e.g. RU-230-FZ, US-REG-F. */
        ruleSet: z.string().regex(/^[A-Z0-9][A-Z0-9+-]*$/, 'rule set ids are upper-case, e.g. RU-230-FZ'),
        /** Fallback zone when nothing else is known about a phone; absent = such phones are not dialed. */
        defaultZone: z
          .string()
          .refine((zone) => IANAZone.isValidZone(zone), 'not an IANA time zone, e.g. Europe/Moscow')
          .optional(),
        /**
         * Extra non-working dates (YYYY-MM-DD) for the rule set's holiday calendar: a regional
         * holiday, or a newly published transfer. The loader adds campaigns/calendars/ru-production.yaml
         * here for rule sets that use the Russian production calendar.
         */
        extraNonWorkingDays: z.array(z.iso.date('a date as YYYY-MM-DD')).default([]),
      })
      .strict(),
    /** Calling windows in the called person's local time; a call is allowed only inside one of them in every candidate zone. */
    callingWindows: z.array(callingWindow).min(1),
    retry: z
      .object({
        maxAttemptsPerLead: z.number().int().min(1).max(1000).default(20),
        /** Default delay when nothing more specific applies. */
        defaultDelay: durationMs.default(4 * 3_600_000),
        onOutcome: z.partialRecord(z.enum(systemOutcomeKeys), systemRetryRule).default({}),
      })
      .strict(),
    dispositions: z.array(disposition).min(1),
    amd: z
      .object({
        enabled: z.boolean().default(false),
        /** "hangup" or "message" (leave the recorded message, e.g. a Reg F limited-content message). */
        onMachine: z.enum(['hangup', 'message']).default('hangup'),
        machineMessage: z.string().optional(),
        /** Measured share of live people the detector classes as machines (Ofcom: a reasoned estimate). */
        falsePositiveEstimate: z.number().min(0).max(0.5).optional(),
      })
      .strict()
      .default({ enabled: false, onMachine: 'hangup' }),
    recording: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .default({ enabled: true }),
    /** The recorded message on an abandoned call: sound file name on the PBX and its text for the record. */
    abandonMessage: z
      .object({
        sound: z
          .string()
          .regex(/^[A-Za-z0-9_/.-]+$/, 'a sound file name without extension, e.g. custom/abandon-ru'),
        text: localizedText,
      })
      .strict(),
    /** After-call work: how long the agent has to pick a disposition before `autoDisposition` applies. */
    wrapUp: z
      .object({ timeout: durationMs.default(120_000), autoDisposition: identifier.optional() })
      .strict()
      .default({ timeout: 120_000 }),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.dispositions.forEach((d, i) => {
      if (seen.has(d.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['dispositions', i, 'id'],
          message: `duplicate disposition id "${d.id}"`,
        });
      }
      seen.set(d.id, i);
    });
    const hotkeys = new Map<string, number>();
    c.dispositions.forEach((d, i) => {
      if (d.hotkey === undefined) return;
      if (hotkeys.has(d.hotkey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['dispositions', i, 'hotkey'],
          message: `hotkey "${d.hotkey}" is used twice`,
        });
      }
      hotkeys.set(d.hotkey, i);
    });
    if (c.wrapUp.autoDisposition !== undefined && !seen.has(c.wrapUp.autoDisposition)) {
      ctx.addIssue({
        code: 'custom',
        path: ['wrapUp', 'autoDisposition'],
        message: `"${c.wrapUp.autoDisposition}" is not one of this campaign's dispositions`,
      });
    }
    if (c.amd.enabled && c.pacing.countAmdFalsePositives) {
      const estimate = c.amd.falsePositiveEstimate;
      if (estimate === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['amd', 'falsePositiveEstimate'],
          message:
            "required when pacing.countAmdFalsePositives is on (Ofcom counts the people AMD hangs up on as abandoned calls): give the detector's measured false-positive rate, e.g. 0.01",
        });
      } else if (estimate >= c.pacing.maxAbandonRate) {
        ctx.addIssue({
          code: 'custom',
          path: ['amd', 'falsePositiveEstimate'],
          message: `${formatPercent(estimate)} of live people hung up on by AMD alone reaches the ${formatPercent(c.pacing.maxAbandonRate)} abandonment cap that counts them: switch amd off or use a detector with fewer false positives`,
        });
      }
    }
    if (c.amd.onMachine === 'message' && c.amd.machineMessage === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amd', 'machineMessage'],
        message: 'onMachine "message" needs machineMessage',
      });
    }
  });

function formatPercent(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

export type CampaignDefinition = z.output<typeof campaignDefinitionSchema>;
export type CampaignDisposition = CampaignDefinition['dispositions'][number];
export type CallingWindow = CampaignDefinition['callingWindows'][number];

export function localize(text: LocalizedText, locale: 'ru' | 'en'): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? text.ru ?? '';
}
