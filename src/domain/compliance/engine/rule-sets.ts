/**
 * Rule sets as versioned data. Rule ids and sources come from research/compliance.md §7. A set may
 * extend another (a state overlay on the federal set); every set starts with the person's own
 * preferences, which hold whatever the jurisdiction.
 */
import type { CallingWindow } from '../../campaign/campaign-definition.js';
import type { HolidayCalendarName, RuleSet, RuleSpec } from './types.js';

export class UnknownRuleSetError extends Error {
  readonly code = 'UNKNOWN_RULE_SET';
  constructor(readonly ruleSetId: string) {
    super(`unknown rule set "${ruleSetId}" (known: ${[...RULE_SETS.keys()].join(', ')})`);
    this.name = 'UnknownRuleSetError';
  }
}

const EVERY_DAY: CallingWindow['days'] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'];

/** Preferences and facts about the person and the number, in every set (research §0, dial-decision.ts). */
export const PERSON_PREFERENCE_RULES: readonly RuleSpec[] = [
  { kind: 'dnc', id: 'DNC-INTERNAL', source: 'internal suppression list (research §7.5)' },
  {
    kind: 'phone-status',
    id: 'PHONE-STATUS',
    source: 'wrong or bad number recorded on the phone or the person',
  },
  {
    kind: 'flags',
    id: 'PERSON-DECEASED',
    source: 'person recorded as deceased',
    flags: ['deceased'],
    code: 'person-deceased',
    text: 'the person is recorded as deceased',
  },
  { kind: 'quiet-hours', id: 'PERSON-QUIET-HOURS', source: "the person's stated inconvenient times" },
];

const US_REG_F: RuleSet = {
  id: 'US-REG-F',
  version: '2026-11-23.1',
  rules: [
    {
      kind: 'calling-window',
      id: 'US-REGF-TIME',
      source: '12 CFR 1006.6(b)(1)(i); intersection over zones per comment 6(b)(1)(i) (US-REGF-TZ-AMBIGUITY)',
      windows: [{ days: EVERY_DAY, from: '08:00', to: '21:00' }],
      calendar: 'none',
    },
    {
      kind: 'counter',
      id: 'US-REGF-7IN7-CALLS',
      source: '12 CFR 1006.14(b)(2)(i)(A), (b)(3)',
      counts: 'placed-calls',
      scope: 'person-debt',
      appliesTo: 'call',
      limits: [{ period: { type: 'rolling', days: 7 }, limit: 7 }],
    },
    {
      kind: 'after-conversation',
      id: 'US-REGF-7AFTER-CONV',
      source: '12 CFR 1006.14(b)(2)(i)(B); comment 14(b)(4)-1',
      days: 7,
    },
    {
      kind: 'flags',
      id: 'US-REGF-ATTORNEY',
      source: '12 CFR 1006.6(b)(2)',
      flags: ['attorney'],
      code: 'represented-by-attorney',
      text: 'the consumer is represented by an attorney for this debt: contact the attorney only',
    },
    {
      kind: 'flags',
      id: 'US-REGF-CEASE',
      source: '12 CFR 1006.6(c)',
      flags: ['cease', 'refused'],
      code: 'cease-communication',
      text: 'the consumer asked in writing to cease communication or refuses to pay',
    },
  ],
};

const US_REG_F_MA: RuleSet = {
  id: 'US-REG-F+MA',
  version: '2026-11-23.1',
  extends: 'US-REG-F',
  rules: [
    {
      // Counts calls that reached the number (live or voicemail) and messages; AG guidance: the cap
      // does not bite when the creditor cannot reach or leave a message. Debtor-requested (consented)
      // communications do not count. TODO(#3): the separate 2-per-30-days cap for work numbers.
      kind: 'counter',
      id: 'US-MA-CREDITOR-2IN7',
      source: '940 CMR 7.04(1)(f)',
      counts: 'contacts',
      scope: 'person-debt',
      appliesTo: 'any',
      limits: [{ period: { type: 'rolling', days: 7 }, limit: 2 }],
    },
  ],
};

const UK_OFCOM: RuleSet = {
  id: 'UK-OFCOM',
  version: '2026-11-23.2',
  rules: [
    {
      // FCA CONC 7.9.5 R: "A firm must not contact customers at unreasonable times" — a principle
      // with no hours in it (research §2, CONC 7). 08:00–21:00 every day in the customer's zone is
      // this product's reading, the hours UK collectors commonly keep; a campaign's own windows may
      // narrow it, and the person's quiet hours ("reasonable requests", same rule) always do.
      kind: 'calling-window',
      id: 'UK-CONC-7.9.5-HOURS',
      source: 'FCA CONC 7.9.5 R (unreasonable times), hours as this product reads them',
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], from: '08:00', to: '21:00' },
      ],
      calendar: 'none',
    },
    {
      kind: 'abandon-redial',
      id: 'UK-OFCOM-NO-REPEAT-72H',
      source: 'Ofcom persistent-misuse policy (perdial/mxdigital)',
      hours: 72,
    },
  ],
};

const CA_CRTC: RuleSet = {
  id: 'CA-CRTC',
  version: '2026-11-23.1',
  rules: [
    {
      kind: 'calling-window',
      id: 'CA-CRTC-HOURS',
      source: 'CRTC Unsolicited Telecommunications Rules',
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '21:30' },
        { days: ['sat', 'sun'], from: '10:00', to: '18:00' },
      ],
      calendar: 'none',
    },
  ],
};

/** Collection calls are not telemarketing (research §3.2), so this set does not extend CA-CRTC. */
const CA_ON_COLLECT: RuleSet = {
  id: 'CA-ON-COLLECT',
  version: '2026-11-23.1',
  rules: [
    {
      kind: 'calling-window',
      id: 'CA-ON-COLLECT',
      source: 'R.R.O. 1990 Reg. 74 ss. 21–22',
      // No 'holiday' day kind: no contact on statutory holidays.
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '07:00', to: '21:00' },
        { days: ['sun'], from: '13:00', to: '17:00' },
      ],
      calendar: 'ca-on-statutory',
    },
    {
      // Scope is per debtor × creditor in the law; the engine has no creditor, so it counts per
      // debtor across all debts (stricter).
      kind: 'counter',
      id: 'CA-ON-COLLECT-3IN7',
      source: 'R.R.O. 1990 Reg. 74 s. 22 (CA-ON-COLLECT)',
      counts: 'contacts',
      scope: 'person',
      appliesTo: 'any',
      limits: [{ period: { type: 'rolling', days: 7 }, limit: 3 }],
      onlyAfterFirstConversation: true,
    },
  ],
};

const RU_WEEKDAYS: CallingWindow['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const RU_DAYS_OFF: CallingWindow['days'] = ['sat', 'sun', 'holiday'];

const RU_230_FZ: RuleSet = {
  id: 'RU-230-FZ',
  version: '2026-11-23.1',
  rules: [
    {
      kind: 'calling-window',
      id: 'RU-230-HOURS',
      source: '230-FZ art. 7 p.3(1), p.5',
      windows: [
        { days: RU_WEEKDAYS, from: '08:00', to: '22:00' },
        { days: RU_DAYS_OFF, from: '09:00', to: '20:00' },
      ],
      calendar: 'ru-production',
    },
    {
      // Calendar day / week (Mon–Sun) / month in the debtor's local time, the strictest candidate zone.
      kind: 'counter',
      id: 'RU-230-CALLS-1-2-8',
      source: '230-FZ art. 7 p.3(3); 467-FZ (AI agents)',
      counts: 'conversations',
      scope: 'person',
      appliesTo: 'call',
      limits: [
        { period: { type: 'calendar', unit: 'day' }, limit: 1 },
        { period: { type: 'calendar', unit: 'week' }, limit: 2 },
        { period: { type: 'calendar', unit: 'month' }, limit: 8 },
      ],
    },
    {
      kind: 'counter',
      id: 'RU-230-MESSAGES-2-4-16',
      source: '230-FZ art. 7 p.5',
      counts: 'messages',
      scope: 'person',
      appliesTo: 'message',
      limits: [
        { period: { type: 'calendar', unit: 'day' }, limit: 2 },
        { period: { type: 'calendar', unit: 'week' }, limit: 4 },
        { period: { type: 'calendar', unit: 'month' }, limit: 16 },
      ],
    },
    {
      kind: 'flags',
      id: 'RU-230-BANNED-DEBTORS',
      source: '230-FZ art. 7 p.1–2',
      flags: ['bankruptcy', 'incapacity', 'minor', 'inpatient', 'disability-1'],
      code: 'banned-debtor',
      text: 'direct interaction with this debtor is banned (bankruptcy, incapacity, minor, inpatient or disability group I)',
    },
    {
      kind: 'flags',
      id: 'RU-230-REFUSAL',
      source: '230-FZ art. 8',
      flags: ['refused', 'cease', 'attorney'],
      code: 'refusal-or-representative-only',
      text: 'the debtor refused interaction or chose interaction only through a representative',
    },
    { kind: 'third-party-consent', id: 'RU-230-THIRD-PARTIES', source: '230-FZ art. 4 p.5' },
  ],
};

const MON_SAT: CallingWindow['days'] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const daily = (from: string, to: string): CallingWindow[] => [{ days: EVERY_DAY, from, to }];
const monSat = (from: string, to: string): CallingWindow[] => [{ days: MON_SAT, from, to }];

/**
 * US-STATE-TM-HOURS (research/compliance.md §1, the state chart): state calling windows stricter
 * than the federal 08:00–21:00, in the called person's local time. They are written for
 * telemarketing; a collections campaign that takes this overlay keeps to them as well, which only
 * narrows its hours. Where the charts disagree the stricter value is taken (CT 9–20, not 9–21).
 * Rows marked [K] are from memory in the research and to be verified against the statutes.
 * Not modelled: the no-holiday rules (no US holiday calendar yet) and the 3-per-24-h caps of FL, MD
 * and OK on telemarketing about the same subject.
 */
export const US_STATE_CALLING_HOURS: Readonly<Record<string, readonly CallingWindow[]>> = {
  'US-AL': monSat('08:00', '20:00'),
  'US-CT': daily('09:00', '20:00'),
  'US-FL': daily('08:00', '20:00'),
  'US-IL': daily('08:00', '21:00'),
  'US-KY': daily('10:00', '21:00'),
  'US-LA': monSat('08:00', '20:00'),
  'US-MD': daily('08:00', '20:00'),
  'US-MA': daily('08:00', '20:00'),
  'US-MI': daily('09:00', '21:00'),
  'US-MN': daily('09:00', '21:00'),
  'US-MS': monSat('08:00', '20:00'),
  'US-NV': daily('09:00', '20:00'),
  'US-NM': daily('09:00', '21:00'),
  'US-OK': daily('08:00', '20:00'),
  // [K]
  'US-PA': [
    { days: MON_SAT, from: '08:00', to: '21:00' },
    { days: ['sun'], from: '13:30', to: '21:00' },
  ],
  'US-RI': [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
    { days: ['sat'], from: '10:00', to: '17:00' },
  ],
  'US-TX': [
    { days: MON_SAT, from: '09:00', to: '21:00' },
    { days: ['sun'], from: '12:00', to: '21:00' },
  ],
  'US-UT': monSat('08:00', '21:00'),
  'US-WA': daily('08:00', '20:00'),
};

/** Reg F plus the state calling-hour table, applied by the person's state. */
const US_REG_F_STATES: RuleSet = {
  id: 'US-REG-F+STATES',
  version: '2026-11-23.1',
  extends: 'US-REG-F',
  rules: [
    {
      kind: 'regional-calling-window',
      id: 'US-STATE-TM-HOURS',
      source: 'state telemarketing hours (research §1 chart: dropcowboy, clickpoint, g2leads)',
      byRegion: US_STATE_CALLING_HOURS,
      calendar: 'none',
    },
  ],
};

const DEFINED: readonly RuleSet[] = [
  US_REG_F,
  US_REG_F_MA,
  US_REG_F_STATES,
  UK_OFCOM,
  CA_CRTC,
  CA_ON_COLLECT,
  RU_230_FZ,
];
export const RULE_SETS: ReadonlyMap<string, RuleSet> = new Map(DEFINED.map((s) => [s.id, s]));

/** The flattened rules of a set: preferences, then the parents' rules, then its own. Throws on an unknown id. */
const resolved = new Map<string, ResolvedRuleSet>();

export interface ResolvedRuleSet {
  readonly id: string;
  readonly version: string;
  readonly rules: readonly RuleSpec[];
  readonly ruleIds: readonly string[];
}

/** The set with the sets it extends flattened (person preferences first); resolved once per id. */
export function resolveRuleSet(id: string): ResolvedRuleSet {
  let set = resolved.get(id);
  if (set === undefined) {
    set = resolveChain(id);
    resolved.set(id, set);
  }
  return set;
}

function resolveChain(id: string): ResolvedRuleSet {
  const chain: RuleSet[] = [];
  let next: string | undefined = id;
  while (next !== undefined) {
    const set = RULE_SETS.get(next);
    if (set === undefined) throw new UnknownRuleSetError(next);
    if (chain.includes(set)) throw new Error(`rule set "${id}" extends itself`);
    chain.unshift(set);
    next = set.extends;
  }
  const rules = [...PERSON_PREFERENCE_RULES, ...chain.flatMap((s) => s.rules)];
  return {
    id,
    version: chain.map((s) => `${s.id}@${s.version}`).join('+'),
    rules,
    ruleIds: rules.map((r) => r.id),
  };
}

/** Whether a rule set's calling hours follow the given holiday calendar (e.g. 'ru-production'). */
export function usesHolidayCalendar(ruleSetId: string, calendar: HolidayCalendarName): boolean {
  if (!RULE_SETS.has(ruleSetId)) return false;
  return resolveRuleSet(ruleSetId).rules.some((r) => r.kind === 'calling-window' && r.calendar === calendar);
}
