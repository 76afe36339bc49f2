/**
 * Builds the rule engine's input for a lead this dialer holds: the person, the chosen phone with the
 * zones the dial decision used, the person's history across every campaign, and DNC entries.
 */
import { isConnectedToNumber } from '../../domain/calls/call-outcome.js';
import { PERSON_FLAGS, type ComplianceInput, type PersonFlag } from '../../domain/compliance/engine/types.js';
import type { ClaimedLead } from '../../ports/lead-repository.js';
import { parsePhone } from '../../domain/contact/phone-number.js';
import { regionFor } from '../../domain/timezones/region-zones.js';

/** The ISO 3166-2 code of the person's address region (US-MA…), for regional rules; [] if unknown. */
function regionsOf(person: ClaimedLead['person'], e164: string): string[] {
  if (person.region === null) return [];
  const parsed = parsePhone(e164);
  const country = person.country ?? ('error' in parsed ? undefined : parsed.country);
  if (country === undefined) return [];
  const code = regionFor(country, person.region)?.code;
  return code === undefined ? [] : [code];
}

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
      regions: regionsOf(lead.person, phone.e164),
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
