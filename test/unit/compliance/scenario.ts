/** Builders for engine scenarios: a debtor with one phone and no history unless a test says so. */
import type { ComplianceInput, HistoryEntry } from '../../../src/domain/compliance/engine/types.js';

export const PERSON_ID = 'p1';
export const DEBT_ID = 'd1';
export const E164 = '+12125550100';

export function scenario(
  overrides: Partial<ComplianceInput> & { zones?: readonly string[] } = {},
): ComplianceInput {
  const { zones = ['America/New_York'], ...rest } = overrides;
  return {
    ruleSetId: 'US-REG-F',
    now: new Date('2026-03-10T15:00:00Z'),
    person: {
      id: PERSON_ID,
      role: 'debtor',
      flags: [],
      hasThirdPartyConsent: false,
      quietBeforeLocal: null,
      quietAfterLocal: null,
    },
    debtId: DEBT_ID,
    phone: { e164: E164, zones: zones.map((zone) => ({ zone, source: 'test' })), status: 'ok' },
    history: [],
    dnc: [],
    ...rest,
  };
}

/** A connected call (not a conversation) unless told otherwise. */
export function call(at: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    at: new Date(at),
    kind: 'call',
    debtId: DEBT_ID,
    personId: PERSON_ID,
    connected: true,
    conversation: false,
    e164: E164,
    ...extra,
  };
}

export function conversation(at: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return call(at, { conversation: true, ...extra });
}

export function message(at: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return call(at, { kind: 'message', connected: false, ...extra });
}
