/**
 * The compliance attempt log: filters read from the query string, the API range they mean, and one
 * display row per attempt. Dates in the filters are UTC calendar days, "to" inclusive; the API's
 * `to` is an exclusive instant, so "to 2026-11-24" becomes `to=2026-11-25T00:00:00.000Z`.
 */
import { DateTime } from 'luxon';
import { labelOf, type Locale, type MessageKey, translator } from '../i18n.js';
import { utcIso } from './format.js';

export interface AttemptFilters {
  campaign: string;
  decision: '' | 'dial' | 'skip';
  /** YYYY-MM-DD, UTC */
  from: string;
  /** YYYY-MM-DD, UTC, inclusive */
  to: string;
  lead: string;
}

export interface ParsedFilters {
  filters: AttemptFilters;
  /** The message keys of the fields that were given but not understood (and so not applied). */
  ignored: MessageKey[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function parseAttemptFilters(
  query: Readonly<Record<string, unknown>>,
  campaignIds: ReadonlySet<string>,
): ParsedFilters {
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).trim() : '');
  const ignored: MessageKey[] = [];
  const campaign = str('campaign');
  const decision = str('decision');
  const from = str('from');
  const to = str('to');
  const lead = str('lead');
  const filters: AttemptFilters = { campaign: '', decision: '', from: '', to: '', lead: '' };
  if (campaign) {
    if (campaignIds.has(campaign)) filters.campaign = campaign;
    else ignored.push('attempts.campaign');
  }
  if (decision) {
    if (decision === 'dial' || decision === 'skip') filters.decision = decision;
    else ignored.push('attempts.decision');
  }
  if (from) {
    if (validDate(from)) filters.from = from;
    else ignored.push('attempts.from');
  }
  if (to) {
    if (validDate(to)) filters.to = to;
    else ignored.push('attempts.to');
  }
  if (lead) {
    if (/^\d{1,15}$/.test(lead)) filters.lead = lead;
    else ignored.push('attempts.lead');
  }
  return { filters, ignored };
}

/** The filters in the API's terms (GET /api/attempts, /api/attempts.csv): only the non-empty ones. */
export function apiQuery(f: AttemptFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.campaign) q.campaign = f.campaign;
  if (f.decision) q.decision = f.decision;
  if (f.from) q.from = DateTime.fromISO(f.from, { zone: 'UTC' }).toUTC().toISO()!;
  if (f.to) q.to = DateTime.fromISO(f.to, { zone: 'UTC' }).plus({ days: 1 }).toUTC().toISO()!;
  if (f.lead) q.lead = f.lead;
  return q;
}

export function exportHref(f: AttemptFilters): string {
  const qs = new URLSearchParams(apiQuery(f)).toString();
  return qs ? `/api/attempts.csv?${qs}` : '/api/attempts.csv';
}

export interface AttemptRowData {
  id: string;
  decided_at: Date | string;
  campaign_id: string;
  lead_id: number;
  person: string | null;
  phone_e164: string | null;
  decision: string;
  reason_codes: string[] | null;
  decision_detail: unknown;
  outcome: string | null;
  agent_name: string | null;
  disposition: string | null;
}

export interface AttemptRowView {
  id: string;
  timeUtc: string;
  localTimes: LocalTimeGroup[];
  campaignId: string;
  campaign: string;
  leadId: string;
  leadHref: string;
  person: string;
  phone: string;
  decision: string;
  decisionCode: string;
  reasons: string[];
  rulesChecked: string[];
  outcome: string;
  agent: string;
  disposition: string;
  dispositionCode: string;
}

interface LocalTimeSeen {
  zone: string;
  localTime: string;
  isInside?: boolean;
}

export interface LocalTimeGroup {
  /** "2026-11-24 10:30 +03:00" */
  time: string;
  zones: string[];
  isOutside: boolean;
}

/**
 * decision_detail.localTimes as the dialer wrote them ([{ zone, localTime: "2026-11-24T10:30 +03:00",
 * isInside }]), grouped by the local time they show: a region such as Indiana has a dozen zones that
 * mostly agree, and one line per distinct clock is what a reviewer needs to read.
 */
export function groupLocalTimes(detail: unknown): LocalTimeGroup[] {
  if (typeof detail !== 'object' || detail === null) return [];
  const list = (detail as { localTimes?: unknown }).localTimes;
  if (!Array.isArray(list)) return [];
  const groups = new Map<string, LocalTimeGroup>();
  for (const l of list) {
    if (typeof l !== 'object' || l === null) continue;
    const seen = l as LocalTimeSeen;
    if (typeof seen.zone !== 'string' || typeof seen.localTime !== 'string') continue;
    const time = seen.localTime.replace('T', ' ');
    const isOutside = seen.isInside === false;
    const key = `${time}|${isOutside}`;
    const group = groups.get(key) ?? { time, zones: [], isOutside };
    if (!group.zones.includes(seen.zone)) group.zones.push(seen.zone);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** decision_detail.ruleIds: the checks the dialer evaluated for this decision. */
export function rulesCheckedOf(detail: unknown): string[] {
  if (typeof detail !== 'object' || detail === null) return [];
  const ids = (detail as { ruleIds?: unknown }).ruleIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

export function buildAttemptRows(
  rows: readonly AttemptRowData[],
  names: { campaign: (id: string) => string; disposition: (campaignId: string, code: string) => string },
  locale: Locale,
  filters: AttemptFilters,
): AttemptRowView[] {
  const t = translator(locale);
  return rows.map((r) => {
    const leadParams = new URLSearchParams({ ...filterParams(filters), lead: String(r.lead_id) });
    return {
      id: r.id,
      timeUtc: utcIso(r.decided_at),
      localTimes: groupLocalTimes(r.decision_detail),
      campaignId: r.campaign_id,
      campaign: names.campaign(r.campaign_id),
      leadId: String(r.lead_id),
      leadHref: `/attempts?${leadParams.toString()}`,
      person: r.person ?? '',
      phone: r.phone_e164 ?? '',
      decision: labelOf(t, 'decision', r.decision),
      decisionCode: r.decision,
      reasons: r.reason_codes ?? [],
      rulesChecked: rulesCheckedOf(r.decision_detail),
      outcome: labelOf(t, 'outcome', r.outcome),
      agent: r.agent_name ?? '',
      disposition: r.disposition ? names.disposition(r.campaign_id, r.disposition) : '',
      dispositionCode: r.disposition ?? '',
    };
  });
}

/** The page's own query string for these filters (for links that keep them). */
export function filterParams(f: AttemptFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')) as Record<string, string>;
}
