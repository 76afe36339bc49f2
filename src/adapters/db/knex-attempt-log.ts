import type { Knex } from 'knex';
import type { AttemptDecisionRecord, AttemptEventRecord, AttemptLog } from '../../ports/attempt-log.js';

export class KnexAttemptLog implements AttemptLog {
  constructor(private readonly knex: Knex) {}

  async recordDecision(r: AttemptDecisionRecord): Promise<void> {
    await this.knex('call_attempts').insert({
      id: r.id,
      campaign_id: r.campaignId,
      lead_id: r.leadId,
      person_id: r.personId,
      debt_id: r.debtId,
      phone_id: r.phoneId,
      phone_e164: r.phoneE164,
      dial_mode: r.dialMode,
      decision: r.decision,
      reason_codes: r.reasonCodes,
      decision_detail: JSON.stringify(r.detail),
      reserved_agent_id: r.reservedAgentId,
      caller_id: r.callerId,
      decided_at: r.decidedAt,
    });
  }

  async recordEvent(r: AttemptEventRecord): Promise<void> {
    const query = this.knex('call_attempt_events').insert({
      attempt_id: r.attemptId,
      event: r.event,
      occurred_at: r.occurredAt,
      agent_id: r.agentId ?? null,
      outcome: r.outcome ?? null,
      detail: JSON.stringify(r.detail ?? {}),
    });
    // The partial unique indexes make "ended" and "connected" idempotent.
    if (r.event === 'ended' || r.event === 'connected') {
      await this.knex.raw(`${query.toString()} ON CONFLICT DO NOTHING`);
    } else {
      await query;
    }
  }

  /**
   * Live answers (connected or abandoned) and drops of a campaign's calls since `since`: the
   * abandonment ratio's numerator and denominator over the compliance window (FTC 30 days, Ofcom
   * 24 h), read when a predictive campaign starts so a restart keeps its budget.
   */
  async abandonmentSince(campaignId: string, since: Date): Promise<{ live: number; drops: number }> {
    const row = await this.knex('call_attempt_events as e')
      .join('call_attempts as a', 'a.id', 'e.attempt_id')
      .where('a.campaign_id', campaignId)
      .where('e.occurred_at', '>=', since)
      .whereIn('e.event', ['connected', 'abandoned'])
      .select(
        this.knex.raw(`count(*) FILTER (WHERE e.event = 'connected')::int AS connected`),
        this.knex.raw(`count(*) FILTER (WHERE e.event = 'abandoned')::int AS abandoned`),
      )
      .first();
    const connected = Number(row?.connected ?? 0);
    const drops = Number(row?.abandoned ?? 0);
    return { live: connected + drops, drops };
  }
}
