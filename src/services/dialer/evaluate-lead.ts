/**
 * The dial-time decision for one lead, without side effects: the campaign's own checks (person
 * flags and DNC, phone status, the campaign's calling windows in every candidate zone) pick a phone,
 * then the campaign's rule set (Reg F, 230-FZ…) decides on the person's whole history. The dialer
 * records the result before any Originate; "why isn't this lead dialed?" shows the same result
 * without recording it, so the explanation is the dialer's own reasoning, not a second opinion.
 */
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import { decideDial, type DialDecision } from '../../domain/compliance/dial-decision.js';
import { decideCompliance } from '../../domain/compliance/engine/decide-compliance.js';
import type { DenialReason } from '../../domain/compliance/engine/types.js';
import type { ClaimedLead } from '../../ports/lead-repository.js';
import { complianceInputFor } from './compliance-input.js';

export type LeadVerdict =
  | {
      allowed: true;
      decision: Extract<DialDecision, { allowed: true }>;
      /** The rule set's counters at the decision, for the record. */
      ruleSet: { id: string; counters: Record<string, unknown> };
    }
  | {
      allowed: false;
      /** Which step said no: the campaign's own checks, or the rule set on the phone they chose. */
      stage: 'campaign' | 'rule-set';
      phone: { id: number; e164: string } | null;
      reasonCodes: string[];
      /** What the attempt log keeps: rule ids, zones, local times, counters, retry time. */
      detail: Record<string, unknown>;
      /** Texts for people (rule-set denials). */
      reasons: DenialReason[];
      /** When the lead could become callable; null = never by itself. */
      retryAt: Date | null;
    };

export function evaluateLead(def: CampaignDefinition, lead: ClaimedLead, now: Date): LeadVerdict {
  const decision = decideDial({
    now,
    windows: def.callingWindows,
    defaultZone: def.compliance.defaultZone,
    person: lead.person,
    phones: lead.phones,
    isPersonDnc: lead.isPersonDnc,
    dncNumbers: lead.dncNumbers,
  });
  if (!decision.allowed)
    return {
      allowed: false,
      stage: 'campaign',
      phone: null,
      reasonCodes: decision.reasonCodes,
      detail: { ruleIds: decision.ruleIds, localTimes: decision.localTimes, retryAt: decision.retryAt },
      reasons: [],
      retryAt: decision.retryAt,
    };
  const verdict = decideCompliance(
    complianceInputFor(
      lead,
      def.compliance.ruleSet,
      now,
      { e164: decision.phone.e164, zones: decision.zones },
      def.compliance.extraNonWorkingDays,
    ),
  );
  if (verdict.allowed)
    return {
      allowed: true,
      decision: { ...decision, ruleIds: [...decision.ruleIds, ...verdict.ruleIds] },
      ruleSet: { id: def.compliance.ruleSet, counters: verdict.counters },
    };
  return {
    allowed: false,
    stage: 'rule-set',
    phone: { id: decision.phone.id, e164: decision.phone.e164 },
    reasonCodes: verdict.reasons.map((r) => `${r.ruleId}:${r.code}`),
    detail: {
      ruleSet: def.compliance.ruleSet,
      ruleIds: verdict.ruleIds,
      reasons: verdict.reasons,
      counters: verdict.counters,
      zones: verdict.zones,
      localTimes: verdict.localTimes,
      retryAt: verdict.retryAt,
    },
    reasons: verdict.reasons,
    retryAt: verdict.retryAt,
  };
}
