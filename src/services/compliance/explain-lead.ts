/**
 * "Why isn't this lead being dialed?" (issue #3, item 6). For a lead, or every lead of the persons
 * who have a phone number, it says what stops the dialer now — the campaign's state, the lead's
 * state and schedule, another call to the same person, and the dial-time decision itself
 * (evaluateLead: the dialer's own reasoning, run without recording anything) — and the earliest
 * instant the lead becomes callable with what is known now. VICIdial's most common operational
 * crisis is an empty hopper nobody can explain; this is the explanation.
 */
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import type { LocalTimeSeen } from '../../domain/compliance/calling-window.js';
import { parsePhone } from '../../domain/contact/phone-number.js';
import type { Clock } from '../../ports/clock.js';
import type { LeadRepository } from '../../ports/lead-repository.js';
import type { LeadStatusReadModel, LeadStatusRow } from '../../ports/lead-status-read-model.js';
import { evaluateLead, type LeadVerdict } from '../dialer/evaluate-lead.js';

/** How many later instants are tried when looking for the first one at which the lead is callable. */
const MAX_FORECAST_STEPS = 8;

export interface Blocker {
  /** Stable code: campaign-paused, lead-closed, person-in-contact, scheduled, or the decision's own codes. */
  code: string;
  /** The rule that decided, for decision denials (US-REGF-7IN7-CALLS, RU-230-HOURS, CALLING-WINDOW…). */
  ruleId: string | null;
  text: string;
  /** When this blocker lifts by itself; null = it does not (someone must act). */
  until: Date | null;
}

export interface LeadExplanation {
  leadId: number;
  campaignId: string;
  campaignName: string;
  campaignStatus: string | null;
  dialMode: string | null;
  person: { id: number; name: string };
  debtAccount: string;
  state: LeadStatusRow['state'];
  nextAttemptAt: Date;
  attempts: number;
  closedReason: string | null;
  ownerAgentId: number | null;
  checkedAt: Date;
  /** Nothing blocks: the dialer takes it as soon as an agent is free. */
  isCallableNow: boolean;
  /** The first instant the lead can be dialed given what is known now; null = not by itself. */
  callableAt: Date | null;
  blockers: Blocker[];
  /** The dial-time decision at checkedAt, as the dialer would record it. */
  decisionNow: {
    allowed: boolean;
    stage: 'campaign' | 'rule-set' | null;
    phone: string | null;
    reasonCodes: string[];
    ruleIds: string[];
    zones: string[];
    localTimes: LocalTimeSeen[];
    counters: Record<string, unknown>;
    retryAt: Date | null;
  } | null;
  reservation: LeadStatusRow['reservation'];
  lastDecision: LeadStatusRow['lastDecision'];
  dueAhead: number | null;
  phones: LeadStatusRow['phones'];
}

export interface ExplainLeadDeps {
  status: LeadStatusReadModel;
  leads: Pick<LeadRepository, 'reload'>;
  campaigns: (id: string) => CampaignDefinition | undefined;
  clock: Clock;
}

function localTimesText(seen: readonly LocalTimeSeen[]): string {
  return [...new Set(seen.filter((s) => !s.isInside).map((s) => `${s.zone} ${s.localTime}`))].join(', ');
}

/** People's words for the codes of the campaign's own checks (domain/compliance/dial-decision.ts). */
function campaignReasonText(code: string, verdict: Extract<LeadVerdict, { allowed: false }>): string {
  if (code.startsWith('person-flag:')) return `the person is flagged "${code.slice('person-flag:'.length)}"`;
  switch (code) {
    case 'person-do-not-call':
      return 'the person is on a do-not-call list';
    case 'person-quiet-hours-leave-no-window':
      return "the person's quiet hours leave no time inside the campaign's calling window";
    case 'no-usable-phone':
      return 'no phone of the person is usable (all marked bad or wrong number)';
    case 'all-phones-do-not-call':
      return 'every phone of the person is on a do-not-call list';
    case 'no-time-zone-known':
      return 'no time zone is known for any phone, and the campaign has no default zone';
    case 'outside-calling-window': {
      const seen = (verdict.detail.localTimes ?? []) as LocalTimeSeen[];
      return `outside the campaign's calling window in the person's time zone: ${localTimesText(seen)}`;
    }
    default:
      return code;
  }
}

function decisionBlockers(verdict: Extract<LeadVerdict, { allowed: false }>): Blocker[] {
  if (verdict.stage === 'rule-set')
    return verdict.reasons.map((r) => ({
      code: r.code,
      ruleId: r.ruleId,
      text: r.text,
      until: verdict.retryAt,
    }));
  return verdict.reasonCodes.map((code) => ({
    code,
    ruleId: null,
    text: campaignReasonText(code, verdict),
    until: verdict.retryAt,
  }));
}

export class LeadExplainer {
  constructor(private readonly deps: ExplainLeadDeps) {}

  async explain(query: { leadId: number } | { e164: string }): Promise<LeadExplanation[]> {
    const now = this.deps.clock.now();
    const rows = await this.deps.status.find(query, now);
    return Promise.all(rows.map((row) => this.explainRow(row, now)));
  }

  private async explainRow(row: LeadStatusRow, now: Date): Promise<LeadExplanation> {
    const def = this.deps.campaigns(row.campaignId);
    const blockers: Blocker[] = [];
    const block = (code: string, text: string, until: Date | null) =>
      blockers.push({ code, ruleId: null, text, until });

    if (def === undefined)
      block(
        'campaign-not-loaded',
        `campaign "${row.campaignId}" is not among the loaded campaign files`,
        null,
      );
    else if (row.campaignStatus !== 'running')
      block(
        `campaign-${row.campaignStatus ?? 'unknown'}`,
        `the campaign is ${row.campaignStatus ?? 'not registered'}: a manager starts it on the campaign board`,
        null,
      );
    if (row.state === 'closed')
      block('lead-closed', `the lead is closed${row.closedReason ? ` (${row.closedReason})` : ''}`, null);
    if (row.state === 'dialing' || row.state === 'in-call')
      block('lead-in-progress', 'a call, preview or wrap-up of this lead is in progress', null);
    if (row.reservation !== null && row.reservation.leadId !== row.leadId)
      block(
        'person-in-contact',
        `the person is in contact through lead ${row.reservation.leadId} of campaign ${row.reservation.campaignId} (since ${row.reservation.reservedAt.toISOString()}); this lead waits for that to end`,
        null,
      );
    if (row.state === 'ready' && row.nextAttemptAt > now)
      block(
        'scheduled',
        `the next attempt is scheduled for ${row.nextAttemptAt.toISOString()} (retry delay, callback or the stored next allowed instant)`,
        row.nextAttemptAt,
      );

    let decisionNow: LeadExplanation['decisionNow'] = null;
    let callableAt: Date | null = null;
    const lead = def === undefined ? null : await this.deps.leads.reload(row.leadId, now);
    if (def !== undefined && lead !== null) {
      const verdict = evaluateLead(def, lead, now);
      decisionNow = verdict.allowed
        ? {
            allowed: true,
            stage: null,
            phone: verdict.decision.phone.e164,
            reasonCodes: [],
            ruleIds: verdict.decision.ruleIds,
            zones: [...verdict.decision.zones],
            localTimes: verdict.decision.localTimes,
            counters: verdict.ruleSet.counters,
            retryAt: null,
          }
        : {
            allowed: false,
            stage: verdict.stage,
            phone: verdict.phone?.e164 ?? null,
            reasonCodes: verdict.reasonCodes,
            ruleIds: (verdict.detail.ruleIds ?? []) as string[],
            zones: (verdict.detail.zones as string[] | undefined) ?? [
              ...new Set(((verdict.detail.localTimes ?? []) as LocalTimeSeen[]).map((l) => l.zone)),
            ],
            localTimes: (verdict.detail.localTimes ?? []) as LocalTimeSeen[],
            counters: (verdict.detail.counters ?? {}) as Record<string, unknown>,
            retryAt: verdict.retryAt,
          };
      if (!verdict.allowed) blockers.push(...decisionBlockers(verdict));

      // The first instant the decision allows, from the later of now and the lead's schedule, with
      // the history as it is (nothing new happens meanwhile).
      const neverLifts = blockers.some((b) => b.until === null);
      if (!neverLifts) {
        let at = row.nextAttemptAt > now ? row.nextAttemptAt : now;
        for (let step = 0; step < MAX_FORECAST_STEPS; step += 1) {
          const v = evaluateLead(def, lead, at);
          if (v.allowed) {
            callableAt = at;
            break;
          }
          if (v.retryAt === null || v.retryAt <= at) break;
          at = v.retryAt;
        }
      }
    }

    return {
      leadId: row.leadId,
      campaignId: row.campaignId,
      campaignName: def?.name ?? row.campaignId,
      campaignStatus: row.campaignStatus,
      dialMode: def?.dial.mode ?? null,
      person: { id: row.personId, name: row.personName },
      debtAccount: row.debtAccount,
      state: row.state,
      nextAttemptAt: row.nextAttemptAt,
      attempts: row.attempts,
      closedReason: row.closedReason,
      ownerAgentId: row.ownerAgentId,
      checkedAt: now,
      isCallableNow: blockers.length === 0 && decisionNow?.allowed === true,
      callableAt,
      blockers,
      decisionNow,
      reservation: row.reservation,
      lastDecision: row.lastDecision,
      dueAhead: row.dueAhead,
      phones: row.phones,
    };
  }
}

/**
 * The query from what a person typed: a lead id, or a phone number (E.164, or national with a
 * country). Returns an error naming the field, never a guess.
 */
export function explainQueryFrom(input: {
  lead?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
}): { query: { leadId: number } | { e164: string } } | { error: string; field: 'lead' | 'phone' } {
  const lead = input.lead?.trim() ?? '';
  const phone = input.phone?.trim() ?? '';
  if (lead !== '') {
    if (!/^\d{1,15}$/.test(lead) || Number(lead) < 1)
      return { error: `"${lead.slice(0, 20)}" is not a lead id (a whole number)`, field: 'lead' };
    return { query: { leadId: Number(lead) } };
  }
  if (phone !== '') {
    const parsed = parsePhone(phone, input.country);
    if ('error' in parsed) return { error: `phone ${parsed.error}`, field: 'phone' };
    return { query: { e164: parsed.e164 } };
  }
  return { error: 'give a lead id or a phone number', field: 'lead' };
}
