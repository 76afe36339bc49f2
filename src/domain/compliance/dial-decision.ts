/**
 * The decision taken immediately before each Originate: may this lead be dialed now, on which phone?
 * Checks the person's flags and preferences, do-not-call entries, the phone's status and the
 * campaign's calling windows in every candidate zone of the phone. The result carries reason codes
 * and what was seen, for the append-only attempt log. When in doubt it denies and says why.
 * Law-specific rules (frequency limits, third-party consent, banned debtors…) are the campaign's
 * rule set's, decided next by engine/decide-compliance.ts on the phone chosen here.
 */
import type { CallingWindow } from '../campaign/campaign-definition.js';
import {
  checkCallingWindows,
  nextAllowedAt,
  type HolidayCalendar,
  type LocalTimeSeen,
} from './calling-window.js';

export interface PhoneForDecision {
  id: number;
  e164: string;
  status: 'ok' | 'bad' | 'wrong-number';
  candidateZones: readonly string[];
  lastAttemptAt: Date | null;
}

export interface DialDecisionInput {
  now: Date;
  windows: readonly CallingWindow[];
  holidays?: HolidayCalendar;
  /** Zone used when a phone has none (campaign's compliance.defaultZone); absent = such phones are not dialed. */
  defaultZone?: string | undefined;
  person: {
    role: 'debtor' | 'guarantor' | 'third_party';
    hasThirdPartyConsent: boolean;
    flags: readonly string[];
    quietBeforeLocal: string | null;
    quietAfterLocal: string | null;
  };
  phones: readonly PhoneForDecision[];
  /** The person is on a do-not-call list (person scope). */
  isPersonDnc: boolean;
  /** Numbers on a global or this campaign's DNC list. */
  dncNumbers: ReadonlySet<string>;
}

export type DialDecision =
  | {
      allowed: true;
      phone: PhoneForDecision;
      zones: readonly string[];
      localTimes: LocalTimeSeen[];
      ruleIds: string[];
    }
  | {
      allowed: false;
      reasonCodes: string[];
      /** When the lead could become callable; null = never by itself (close the lead). */
      retryAt: Date | null;
      localTimes: LocalTimeSeen[];
      ruleIds: string[];
    };

/** The person's own "not before / not after" preference narrows every campaign window. */
function narrowWindows(
  windows: readonly CallingWindow[],
  before: string | null,
  after: string | null,
): CallingWindow[] {
  if (before === null && after === null) return [...windows];
  const from = before ?? '00:00';
  const to = after ?? '24:00';
  return windows
    .map((w) => ({ ...w, from: w.from > from ? w.from : from, to: w.to < to ? w.to : to }))
    .filter((w) => w.from < w.to);
}

export function decideDial(input: DialDecisionInput): DialDecision {
  const ruleIds: string[] = [];
  const deny = (
    reasonCodes: string[],
    retryAt: Date | null,
    localTimes: LocalTimeSeen[] = [],
  ): DialDecision => ({
    allowed: false,
    reasonCodes,
    retryAt,
    localTimes,
    ruleIds,
  });

  ruleIds.push('PERSON-DNC');
  if (input.isPersonDnc) return deny(['person-do-not-call'], null);
  ruleIds.push('PERSON-FLAGS');
  if (input.person.flags.length > 0)
    return deny(
      input.person.flags.map((f) => `person-flag:${f}`),
      null,
    );
  const windows = narrowWindows(input.windows, input.person.quietBeforeLocal, input.person.quietAfterLocal);
  ruleIds.push('CALLING-WINDOW');
  if (input.person.quietBeforeLocal !== null || input.person.quietAfterLocal !== null)
    ruleIds.push('PERSON-QUIET-HOURS');
  if (windows.length === 0) return deny(['person-quiet-hours-leave-no-window'], null);

  const usable = input.phones.filter((p) => p.status === 'ok');
  if (usable.length === 0) return deny(['no-usable-phone'], null);
  ruleIds.push('DNC-NUMBER');
  const notDnc = usable.filter((p) => !input.dncNumbers.has(p.e164));
  if (notDnc.length === 0) return deny(['all-phones-do-not-call'], null);

  const withZones = notDnc
    .map((p) => ({
      phone: p,
      zones: p.candidateZones.length ? p.candidateZones : input.defaultZone ? [input.defaultZone] : [],
    }))
    .filter((x) => x.zones.length > 0);
  if (withZones.length === 0) return deny(['no-time-zone-known'], null);

  // Least recently attempted phone first: spread attempts over the person's numbers.
  withZones.sort((a, b) => (a.phone.lastAttemptAt?.getTime() ?? 0) - (b.phone.lastAttemptAt?.getTime() ?? 0));
  const allSeen: LocalTimeSeen[] = [];
  let earliest: Date | null = null;
  for (const { phone, zones } of withZones) {
    const check = checkCallingWindows(input.now, zones, windows, input.holidays);
    allSeen.push(...check.seen);
    if (check.isAllowed) return { allowed: true, phone, zones, localTimes: check.seen, ruleIds };
    const next = nextAllowedAt(input.now, zones, windows, input.holidays);
    if (next && (earliest === null || next < earliest)) earliest = next;
  }
  return deny(['outside-calling-window'], earliest, allSeen);
}
