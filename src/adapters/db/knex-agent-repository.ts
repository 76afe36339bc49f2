import type { Knex } from 'knex';
import type {
  AgentRecord,
  AgentRepository,
  AgentState,
  AgentStateChange,
} from '../../ports/agent-repository.js';

interface AgentRow {
  id: number;
  user_id: number;
  display_name: string;
  room: string;
  endpoint: string;
  groups: string[];
  state: AgentState;
  state_since: Date;
  pause_reason: string | null;
  current_attempt_id: string | null;
  current_campaign_id: string | null;
  is_leg_up: boolean;
}

function toRecord(r: AgentRow): AgentRecord {
  return {
    id: r.id,
    userId: r.user_id,
    displayName: r.display_name,
    room: r.room,
    endpoint: r.endpoint,
    groups: r.groups,
    state: r.state,
    stateSince: new Date(r.state_since),
    pauseReason: r.pause_reason,
    currentAttemptId: r.current_attempt_id,
    currentCampaignId: r.current_campaign_id,
    isLegUp: r.is_leg_up,
  };
}

export class KnexAgentRepository implements AgentRepository {
  constructor(private readonly knex: Knex) {}

  private base() {
    return this.knex('agents as a').join('users as u', 'u.id', 'a.user_id').select('a.*', 'u.display_name');
  }

  async get(agentId: number) {
    const row = await this.base().where('a.id', agentId).first();
    return row ? toRecord(row) : null;
  }
  async byUserId(userId: number) {
    const row = await this.base().where('a.user_id', userId).first();
    return row ? toRecord(row) : null;
  }
  async byRoom(room: string) {
    const row = await this.base().where('a.room', room).first();
    return row ? toRecord(row) : null;
  }
  async list() {
    return (await this.base().orderBy('a.id')).map(toRecord);
  }

  async changeState(agentId: number, c: AgentStateChange): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      const current = await trx('agents').where('id', agentId).forUpdate().first();
      if (!current) return false;
      if (c.onlyFrom && !c.onlyFrom.includes(current.state)) return false;
      if (c.onlyAttemptId !== undefined && current.current_attempt_id !== c.onlyAttemptId) return false;
      const keepsAttempt = c.to === 'reserved' || c.to === 'on-call' || c.to === 'wrap-up';
      await trx('agents')
        .where('id', agentId)
        .update({
          state: c.to,
          state_since: c.now,
          pause_reason: c.to === 'paused' ? (c.reason ?? null) : null,
          current_attempt_id: keepsAttempt ? (c.attemptId ?? current.current_attempt_id) : null,
          current_campaign_id: keepsAttempt ? (c.campaignId ?? current.current_campaign_id) : null,
        });
      await trx('agent_state_changes').insert({
        agent_id: agentId,
        from_state: current.state,
        to_state: c.to,
        reason: c.reason ?? null,
        attempt_id: c.attemptId ?? current.current_attempt_id ?? null,
        changed_at: c.now,
      });
      return true;
    });
  }

  async setLegUp(agentId: number, isUp: boolean): Promise<void> {
    await this.knex('agents').where('id', agentId).update({ is_leg_up: isUp });
  }

  async reserveFree(
    group: string,
    attemptId: string,
    campaignId: string,
    now: Date,
  ): Promise<AgentRecord | null> {
    return this.knex.transaction(async (trx) => {
      // SKIP LOCKED: two dialers reserving at once take different agents (VICIdial's
      // "UPDATE … WHERE status='READY' LIMIT 1", made safe under concurrency).
      const row = await trx('agents')
        .where({ state: 'ready', is_leg_up: true })
        .whereRaw('? = ANY(groups)', [group])
        .orderBy('state_since')
        .forUpdate()
        .skipLocked()
        .first();
      return row ? this.markReserved(trx, row.id, attemptId, campaignId, now) : null;
    });
  }

  async reserveAgent(
    agentId: number,
    attemptId: string,
    campaignId: string,
    now: Date,
  ): Promise<AgentRecord | null> {
    return this.knex.transaction(async (trx) => {
      const row = await trx('agents')
        .where({ id: agentId, state: 'ready', is_leg_up: true })
        .forUpdate()
        .skipLocked()
        .first();
      return row ? this.markReserved(trx, row.id, attemptId, campaignId, now) : null;
    });
  }

  /** Within the caller's transaction, after the row was locked: reserve it and log the change. */
  private async markReserved(
    trx: Knex.Transaction,
    agentId: number,
    attemptId: string,
    campaignId: string,
    now: Date,
  ): Promise<AgentRecord> {
    await trx('agents').where('id', agentId).update({
      state: 'reserved',
      state_since: now,
      current_attempt_id: attemptId,
      current_campaign_id: campaignId,
    });
    await trx('agent_state_changes').insert({
      agent_id: agentId,
      from_state: 'ready',
      to_state: 'reserved',
      attempt_id: attemptId,
      changed_at: now,
    });
    const full = await trx('agents as a')
      .join('users as u', 'u.id', 'a.user_id')
      .select('a.*', 'u.display_name')
      .where('a.id', agentId)
      .first();
    return toRecord(full);
  }

  async countFree(group: string): Promise<number> {
    const r = await this.knex('agents')
      .where({ state: 'ready', is_leg_up: true })
      .whereRaw('? = ANY(groups)', [group])
      .count<{ count: string }[]>('* as count');
    return Number(r[0]?.count ?? 0);
  }
}
