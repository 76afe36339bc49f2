/**
 * "Why isn't this lead dialed?" for people: the service's LeadExplanation turned into display rows,
 * instants in UTC and in the person's own zone, blockers with a localised label for their code and
 * the rule's own text, counters as "used of limit".
 */
import { DateTime } from 'luxon';
import type { LeadExplanation } from '../../../services/compliance/explain-lead.js';
import { labelOf, type Locale, translator } from '../i18n.js';
import { utcIso } from './format.js';

export interface ExplanationView {
  leadId: number;
  title: string;
  campaign: string;
  campaignId: string;
  person: string;
  account: string;
  state: string;
  stateCode: string;
  attempts: number;
  isCallableNow: boolean;
  verdict: string;
  verdictKind: 'ok' | 'wait' | 'stop';
  callableAt: string | null;
  callableAtLocal: string | null;
  queueNote: string | null;
  ownerNote: string | null;
  blockers: { label: string; code: string; ruleId: string | null; text: string; until: string }[];
  decision: {
    allowed: boolean;
    phone: string;
    zones: string[];
    localTimes: { zone: string; time: string; isOutside: boolean }[];
    counters: { key: string; text: string; isFull: boolean }[];
    rules: string[];
  } | null;
  phones: { e164: string; status: string; zones: string; source: string }[];
  lastDecision: string | null;
  attemptsHref: string;
}

function localOf(at: Date, zone: string | undefined): string | null {
  if (!zone) return null;
  const local = DateTime.fromJSDate(at, { zone });
  return local.isValid ? `${local.toFormat('yyyy-MM-dd HH:mm')} ${zone}` : null;
}

export function explanationView(e: LeadExplanation, locale: Locale): ExplanationView {
  const t = translator(locale);
  const personZone = e.decisionNow?.zones[0] ?? e.phones.find((p) => p.zones.length > 0)?.zones[0];
  const neverLifts = e.blockers.some((b) => b.until === null);
  const verdictKind = e.isCallableNow ? 'ok' : neverLifts ? 'stop' : 'wait';
  const verdict = e.isCallableNow
    ? t('explain.callableNow')
    : e.callableAt
      ? t('explain.callableFrom', { at: utcIso(e.callableAt) })
      : t('explain.notByItself');
  const counters = Object.entries(e.decisionNow?.counters ?? {}).map(([key, raw]) => {
    const c = raw as { used?: number; limit?: number; window?: string };
    return {
      key,
      text: `${c.used ?? '?'} / ${c.limit ?? '?'} (${c.window ?? ''})`,
      isFull: c.used !== undefined && c.limit !== undefined && c.used >= c.limit,
    };
  });
  return {
    leadId: e.leadId,
    title: t('explain.leadTitle', { id: e.leadId }),
    campaign: e.campaignName,
    campaignId: e.campaignId,
    person: e.person.name,
    account: e.debtAccount,
    state: labelOf(t, 'explain.state', e.state),
    stateCode: e.state,
    attempts: e.attempts,
    isCallableNow: e.isCallableNow,
    verdict,
    verdictKind,
    callableAt: e.callableAt ? utcIso(e.callableAt) : null,
    callableAtLocal: e.callableAt ? localOf(e.callableAt, personZone) : null,
    queueNote: e.isCallableNow && e.dueAhead !== null ? t('explain.queueAhead', { n: e.dueAhead }) : null,
    ownerNote: e.ownerAgentId !== null ? t('explain.ownerAgent', { id: e.ownerAgentId }) : null,
    blockers: e.blockers.map((b) => ({
      label: labelOf(t, 'explain.code', b.code),
      code: b.code,
      ruleId: b.ruleId,
      text: b.text,
      until: b.until ? utcIso(b.until) : t('explain.untilNever'),
    })),
    decision: e.decisionNow
      ? {
          allowed: e.decisionNow.allowed,
          phone: e.decisionNow.phone ?? '—',
          zones: e.decisionNow.zones,
          // Several phones in one zone show the same local time once.
          localTimes: [
            ...new Map(
              e.decisionNow.localTimes.map((l) => [
                `${l.zone} ${l.localTime}`,
                { zone: l.zone, time: l.localTime, isOutside: !l.isInside },
              ]),
            ).values(),
          ],
          counters,
          rules: e.decisionNow.ruleIds,
        }
      : null,
    phones: e.phones.map((p) => ({
      e164: p.e164,
      status: p.status,
      zones: p.zones.join(', ') || '—',
      source: p.zoneSource ?? '—',
    })),
    lastDecision: e.lastDecision
      ? `${utcIso(e.lastDecision.decidedAt)} · ${e.lastDecision.decision}${
          e.lastDecision.reasonCodes.length ? ` · ${e.lastDecision.reasonCodes.join(', ')}` : ''
        }${e.lastDecision.outcome ? ` · ${e.lastDecision.outcome}` : ''}`
      : null,
    attemptsHref: `/attempts?lead=${e.leadId}`,
  };
}
