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
}
