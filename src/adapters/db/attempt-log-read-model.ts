import type { Knex } from 'knex';

/** Filters of the attempt log, as the API and the page receive them (strings from a query string). */
export interface AttemptLogFilters {
  campaign?: unknown;
  decision?: unknown;
  from?: unknown;
  to?: unknown;
  lead?: unknown;
}

/**
 * The compliance attempt log: every decision (dial or skip) with its reasons, the call's outcome,
 * the agent and the disposition; newest first. One query for the page, the JSON API and the CSV
 * export, so all three always select the same attempts. Invalid filter values are ignored.
 */
export function attemptLogQuery(knex: Knex, q: AttemptLogFilters) {
  const query = knex('call_attempts as a')
    .leftJoin('call_attempt_events as e', function () {
      this.on('e.attempt_id', 'a.id').andOnVal('e.event', 'ended');
    })
    .leftJoin('dispositions as d', 'd.attempt_id', 'a.id')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('agents as ag', function () {
      this.on('ag.id', '=', knex.raw('coalesce(e.agent_id, d.agent_id)'));
    })
    .leftJoin('users as u', 'u.id', 'ag.user_id')
    .select(
      'a.id',
      'a.decided_at',
      'a.campaign_id',
      'a.lead_id',
      'p.full_name as person',
      'a.phone_e164',
      'a.decision',
      'a.reason_codes',
      'a.decision_detail',
      'e.outcome',
      'e.agent_id',
      'u.display_name as agent_name',
      'd.code as disposition',
    )
    .orderBy('a.decided_at', 'desc');
  if (typeof q.campaign === 'string' && q.campaign) query.where('a.campaign_id', q.campaign);
  if (q.decision === 'dial' || q.decision === 'skip') query.where('a.decision', q.decision);
  if (typeof q.from === 'string' && !Number.isNaN(Date.parse(q.from)))
    query.where('a.decided_at', '>=', new Date(q.from));
  if (typeof q.to === 'string' && !Number.isNaN(Date.parse(q.to)))
    query.where('a.decided_at', '<', new Date(q.to));
  if (typeof q.lead === 'string' && /^\d{1,15}$/.test(q.lead)) query.where('a.lead_id', Number(q.lead));
  return query;
}
