import type { Knex } from 'knex';
import type { DispositionStore, DispositionToApply } from '../../ports/disposition-store.js';

export class KnexDispositionStore implements DispositionStore {
  constructor(private readonly knex: Knex) {}

  async apply(d: DispositionToApply): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      const attempt = await trx('call_attempts').where('id', d.attemptId).first();
      if (!attempt) return false;
      const inserted = await trx.raw(
        `INSERT INTO dispositions (attempt_id, lead_id, campaign_id, agent_id, code, action, is_conversation, is_right_party, is_automatic, notes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id) DO NOTHING RETURNING id`,
        [
          d.attemptId,
          attempt.lead_id,
          d.campaignId,
          d.agentId,
          d.code,
          d.action,
          d.isConversation,
          d.isRightParty,
          d.isAutomatic,
          d.notes,
          d.at,
        ],
      );
      if (inserted.rows.length === 0) return false;
      if (d.callback) {
        await trx('callbacks').insert({
          lead_id: attempt.lead_id,
          attempt_id: d.attemptId,
          agent_id: d.agentId,
          is_agent_owned: d.callback.isAgentOwned,
          scheduled_at: d.callback.scheduledAt,
          zone: d.callback.zone,
          notes: d.notes,
        });
      }
      if (d.promise) {
        await trx('promises_to_pay').insert({
          debt_id: attempt.debt_id,
          person_id: attempt.person_id,
          attempt_id: d.attemptId,
          agent_id: d.agentId,
          amount: d.promise.amount,
          // The debt's own currency when the list gave one; the campaign's otherwise.
          currency: (await trx('debts').where('id', attempt.debt_id).first())?.currency ?? d.promise.currency,
          due_date: d.promise.dueDate,
        });
      }
      if (d.addPersonDnc) {
        await trx('dnc_entries').insert({
          scope: 'person',
          person_id: attempt.person_id,
          source: d.agentId ? `agent:${d.agentId}` : 'system',
          reason: d.addPersonDnc.reason,
          received_at: d.at,
        });
      }
      if (d.addPersonFlag) {
        await trx('persons')
          .where('id', attempt.person_id)
          .update({
            flags: trx.raw('array_append(array_remove(flags, ?), ?)', [d.addPersonFlag, d.addPersonFlag]),
          });
      }
      if (d.markPhoneWrong && attempt.phone_id) {
        await trx('phones').where('id', attempt.phone_id).update({ status: 'wrong-number' });
      }
      const lead: Record<string, unknown> = { owner_agent_id: null };
      switch (d.plan.kind) {
        case 'close':
          Object.assign(lead, { state: 'closed', closed_reason: d.plan.reason });
          break;
        case 'retry':
        case 'phone-bad':
          Object.assign(lead, { state: 'ready', next_attempt_at: d.plan.nextAttemptAt });
          break;
      }
      if (d.callback?.isAgentOwned) lead.owner_agent_id = d.agentId;
      await trx('campaign_leads').where('id', attempt.lead_id).update(lead);
      return true;
    });
  }
}
