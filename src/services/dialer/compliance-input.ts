/**
 * Builds the rule engine's input for a lead this dialer holds: the person, the chosen phone with the
 * zones the dial decision used, the person's history across every campaign, and DNC entries.
 */
import { isConnectedToNumber } from '../../domain/calls/call-outcome.js';
import { PERSON_FLAGS, type ComplianceInput, type PersonFlag } from '../../domain/compliance/engine/types.js';
import type { ClaimedLead } from '../../ports/lead-repository.js';
import { regionCodeOf } from '../../domain/timezones/region-zones.js';

export function complianceInputFor(
  lead: ClaimedLead,
  ruleSetId: string,
  now: Date,
  phone: { e164: string; zones: readonly string[] },
  /** Non-working dates beyond the rule set's own calendar (campaign compliance.extraNonWorkingDays). */
  extraHolidays: readonly string[] = [],
): ComplianceInput {
  const knownFlags = lead.person.flags.filter((f): f is PersonFlag =>
    (PERSON_FLAGS as readonly string[]).includes(f),
  );
  const regionCode =
    lead.person.region === null
      ? null
      : regionCodeOf(lead.person.region, { country: lead.person.country, e164: phone.e164 });
  return {
    ruleSetId,
    now,
    ...(extraHolidays.length > 0 ? { extraHolidays } : {}),
    person: {
      id: String(lead.personId),
      role: lead.person.role,
      flags: knownFlags,
      hasThirdPartyConsent: lead.person.hasThirdPartyConsent,
      quietBeforeLocal: lead.person.quietBeforeLocal,
      quietAfterLocal: lead.person.quietAfterLocal,
      regions: regionCode === null ? [] : [regionCode],
    },
    debtId: String(lead.debtId),
    phone: { e164: phone.e164, zones: phone.zones.map((zone) => ({ zone, source: 'phone' })), status: 'ok' },
    history: lead.history.map((h) => ({
      at: h.at,
      kind: h.kind,
      debtId: String(h.debtId),
      personId: String(h.personId),
      connected: h.kind === 'message' || isConnectedToNumber(h.outcome),
      conversation: h.isConversation,
      abandoned: h.outcome === 'abandoned',
      ...(h.e164 ? { e164: h.e164 } : {}),
    })),
    dnc: [
      ...(lead.isPersonDnc ? [{ personId: String(lead.personId) }] : []),
      ...[...lead.dncNumbers].map((e164) => ({ e164 })),
    ],
  };
}
