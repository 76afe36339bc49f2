import type { Knex } from 'knex';
import type { LeadStatusReadModel, LeadStatusRow } from '../../ports/lead-status-read-model.js';

/** Leads returned for one phone number at most (a number shared by many persons is unusual). */
const MAX_LEADS = 50;

export class KnexLeadStatusReadModel implements LeadStatusReadModel {
  constructor(private readonly knex: Knex) {}

  async find(query: { leadId: number } | { e164: string }, now: Date): Promise<LeadStatusRow[]> {
    const base = this.knex('campaign_leads as l')
      .join('persons as p', 'p.id', 'l.person_id')
      .join('debts as d', 'd.id', 'l.debt_id')
      .leftJoin('campaigns as c', 'c.id', 'l.campaign_id')
      .leftJoin('person_reservations as r', 'r.person_id', 'l.person_id')
      .select(
        'l.id',
        'l.campaign_id',
        'c.status as campaign_status',
        'l.state',
        'l.next_attempt_at',
        'l.priority',
        'l.attempts',
        'l.closed_reason',
        'l.owner_agent_id',
        'l.person_id',
        'p.full_name',
        'd.account_number',
        'r.lead_id as reserved_by_lead',
        'r.campaign_id as reserved_in_campaign',
        'r.reserved_at',
        'r.expires_at',
      )
      .orderBy('l.id')
      .limit(MAX_LEADS);
    if ('leadId' in query) base.where('l.id', query.leadId);
    else base.whereIn('l.person_id', this.knex('phones').where('e164', query.e164).select('person_id'));
    const rows = await base;
    const out: LeadStatusRow[] = [];
    for (const r of rows) {
      const [last, phones, ahead] = await Promise.all([
        this.knex('call_attempts as a')
          .leftJoin('call_attempt_events as e', function () {
            this.on('e.attempt_id', 'a.id').andOnVal('e.event', 'ended');
          })
          .where('a.lead_id', r.id)
          .orderBy('a.decided_at', 'desc')
          .select('a.id', 'a.decided_at', 'a.decision', 'a.reason_codes', 'e.outcome')
          .first(),
        this.knex('phones')
          .where('person_id', r.person_id)
          .orderBy('id')
          .select('e164', 'status', 'candidate_zones', 'zone_source'),
        r.state === 'ready' && new Date(r.next_attempt_at) <= now
          ? this.knex('campaign_leads')
              .where({ campaign_id: r.campaign_id, state: 'ready' })
              .where((q) =>
                q
                  .where('next_attempt_at', '<', r.next_attempt_at)
                  .orWhere((q2) =>
                    q2.where('next_attempt_at', r.next_attempt_at).andWhere('priority', '>', r.priority),
                  ),
              )
              .count<{ count: string }[]>('* as count')
          : Promise.resolve(null),
      ]);
      out.push({
        leadId: Number(r.id),
        campaignId: r.campaign_id,
        campaignStatus: r.campaign_status ?? null,
        state: r.state,
        nextAttemptAt: new Date(r.next_attempt_at),
        attempts: r.attempts,
        closedReason: r.closed_reason,
        ownerAgentId: r.owner_agent_id,
        personId: Number(r.person_id),
        personName: r.full_name,
        debtAccount: r.account_number,
        reservation:
          r.reserved_by_lead === null
            ? null
            : {
                leadId: Number(r.reserved_by_lead),
                campaignId: r.reserved_in_campaign,
                reservedAt: new Date(r.reserved_at),
                expiresAt: new Date(r.expires_at),
              },
        lastDecision: last
          ? {
              attemptId: last.id,
              decidedAt: new Date(last.decided_at),
              decision: last.decision,
              reasonCodes: last.reason_codes ?? [],
              outcome: last.outcome ?? null,
            }
          : null,
        dueAhead: ahead === null ? null : Number(ahead[0]?.count ?? 0),
        phones: phones.map((p) => ({
          e164: p.e164,
          status: p.status,
          zones: p.candidate_zones ?? [],
          zoneSource: p.zone_source ?? null,
        })),
      });
    }
    return out;
  }
}
