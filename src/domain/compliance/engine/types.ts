/**
 * The input and output of the compliance rule engine (issue #3). Everything the decision needs is in
 * the input, `now` included: the engine is pure and replayable from the attempt log.
 */
import type { CallingWindow } from '../../campaign/campaign-definition.js';
import type { LocalTimeSeen } from '../calling-window.js';

export const PERSON_ROLES = ['debtor', 'guarantor', 'third_party'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const PERSON_FLAGS = [
  'attorney',
  'cease',
  'refused',
  'bankruptcy',
  'incapacity',
  'minor',
  'inpatient',
  'disability-1',
  'deceased',
  'do-not-call',
  'wrong-number',
] as const;
export type PersonFlag = (typeof PERSON_FLAGS)[number];

export interface PersonInput {
  id: string;
  role: PersonRole;
  flags: readonly PersonFlag[];
  /** 230-FZ art. 4 p.5: the debtor's written consent naming this third party, not withdrawn. */
  hasThirdPartyConsent: boolean;
  /** The person's own preference: no calls before this local HH:MM (null = none). */
  quietBeforeLocal: string | null;
  /** The person's own preference: no calls at or after this local HH:MM (null = none). */
  quietAfterLocal: string | null;
  /**
   * ISO 3166-2 codes of where the person may be (the address's state, US-MA), for rules that differ
   * by region. Absent or empty = unknown: regional rules then do not narrow anything.
   */
  regions?: readonly string[];
}

export interface CandidateZone {
  /** IANA zone name. */
  zone: string;
  /** Where the candidate came from: area code, address, region, stated location… */
  source: string;
}

export interface PhoneInput {
  e164: string;
  zones: readonly CandidateZone[];
  status: 'ok' | 'bad' | 'wrong-number';
}

/** One past call or message, across ALL campaigns and all the person's phones. */
export interface HistoryEntry {
  at: Date;
  kind: 'call' | 'message';
  debtId: string;
  personId: string;
  /** The call reached the dialed number (answered by a person or a machine); false = busy, no answer, network failure. */
  connected: boolean;
  /** A real two-way conversation about the debt took place. */
  conversation: boolean;
  /** Answered by a person and then dropped by the dialer (Ofcom "abandoned call"). */
  abandoned?: boolean;
  e164?: string;
  /** Reg F 1006.14(b)(3)(i): the call was placed with the person's prior consent, valid until this instant. */
  consentedUntil?: Date;
}

/** A do-not-call entry: a number, a person, or both. */
export interface DncEntry {
  e164?: string;
  personId?: string;
}

export interface ComplianceInput {
  ruleSetId: string;
  now: Date;
  person: PersonInput;
  debtId: string;
  phone: PhoneInput;
  history: readonly HistoryEntry[];
  dnc: readonly DncEntry[];
  /** What is about to be sent; counters apply to calls or messages (230-FZ art. 7 p.3 vs p.5). Default 'call'. */
  channel?: 'call' | 'message';
  /** Extra non-working dates (YYYY-MM-DD, local) added to the rule set's holiday calendar. */
  extraHolidays?: readonly string[];
}

export type CounterWindow = 'rolling7d' | 'rolling30d' | 'cal_day' | 'cal_week' | 'cal_month';

export interface Counter {
  used: number;
  limit: number;
  window: CounterWindow;
}

export interface DenialReason {
  ruleId: string;
  code: string;
  text: string;
}

interface DecisionCommon {
  ruleIds: string[];
  zones: string[];
  localTimes: LocalTimeSeen[];
  counters: Record<string, Counter>;
}

export type ComplianceDecision =
  | (DecisionCommon & { allowed: true })
  | (DecisionCommon & {
      allowed: false;
      /** On a denial: the rules that denied. */
      reasons: DenialReason[];
      /** Earliest instant at which every denial is lifted; null = never by itself. */
      retryAt: Date | null;
    });

// ---- Rule sets as data ----

export type HolidayCalendarName = 'none' | 'ru-production' | 'ca-on-statutory';

export type CounterPeriod =
  { type: 'rolling'; days: number } | { type: 'calendar'; unit: 'day' | 'week' | 'month' };

/** What a counter counts (see countsEntry in rules.ts for the exact definition of each). */
export type CountedEvent = 'placed-calls' | 'conversations' | 'messages' | 'contacts';

interface RuleBase {
  /** Stable id from research/compliance.md §7 (or PERSON-/PHONE- for preferences held in every set). */
  id: string;
  /** The legal source, as in §7. */
  source: string;
}

export type RuleSpec =
  | (RuleBase & { kind: 'calling-window'; windows: readonly CallingWindow[]; calendar: HolidayCalendarName })
  | (RuleBase & {
      /** Hours that apply where the person is: ISO 3166-2 region code → windows (a state's own table). */
      kind: 'regional-calling-window';
      byRegion: Readonly<Record<string, readonly CallingWindow[]>>;
      calendar: HolidayCalendarName;
    })
  | (RuleBase & { kind: 'quiet-hours' })
  | (RuleBase & { kind: 'flags'; flags: readonly PersonFlag[]; code: string; text: string })
  | (RuleBase & { kind: 'dnc' })
  | (RuleBase & { kind: 'phone-status' })
  | (RuleBase & { kind: 'third-party-consent' })
  | (RuleBase & {
      kind: 'counter';
      counts: CountedEvent;
      scope: 'person' | 'person-debt';
      appliesTo: 'call' | 'message' | 'any';
      limits: readonly { period: CounterPeriod; limit: number }[];
      /** Ontario: the limit starts only after the first conversation with the debtor. */
      onlyAfterFirstConversation?: boolean;
    })
  | (RuleBase & { kind: 'after-conversation'; days: number })
  | (RuleBase & { kind: 'abandon-redial'; hours: number });

export interface RuleSet {
  id: string;
  version: string;
  /** Id of the set this one extends (its rules come first). */
  extends?: string;
  rules: readonly RuleSpec[];
}
