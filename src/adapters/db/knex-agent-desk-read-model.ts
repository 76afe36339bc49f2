import type { Knex } from 'knex';
import type { AgentDeskCall, AgentDeskReadModel } from '../../ports/agent-desk-read-model.js';

export class KnexAgentDeskReadModel implements AgentDeskReadModel {
  constructor(private readonly knex: Knex) {}

  async callFor(attemptId: string): Promise<AgentDeskCall | null> {
    const a = await this.knex('call_attempts').where('id', attemptId).first();
    if (!a) return null;
    const [person, debt, role, others, phones, history, promises, disposition] = await Promise.all([
      this.knex('persons').where('id', a.person_id).first(),
      this.knex('debts').where('id', a.debt_id).first(),
      this.knex('debt_persons').where({ debt_id: a.debt_id, person_id: a.person_id }).first(),
      this.knex('debt_persons as dp')
        .join('persons as p', 'p.id', 'dp.person_id')
        .where('dp.debt_id', a.debt_id)
        .whereNot('dp.person_id', a.person_id)
        .select('p.full_name', 'dp.role'),
      this.knex('phones').where('person_id', a.person_id).orderBy('id'),
      this.knex('call_attempts as c')
        .leftJoin('call_attempt_events as e', function () {
          this.on('e.attempt_id', 'c.id').andOnVal('e.event', 'ended');
        })
        .leftJoin('dispositions as d', 'd.attempt_id', 'c.id')
        .where('c.person_id', a.person_id)
        .whereNot('c.id', attemptId)
        .orderBy('c.decided_at', 'desc')
        .limit(20)
        .select('c.decided_at', 'c.decision', 'c.reason_codes', 'e.outcome', 'd.code'),
      this.knex('promises_to_pay').where('debt_id', a.debt_id).orderBy('created_at', 'desc').limit(10),
      this.knex('dispositions').where('attempt_id', attemptId).first(),
    ]);
    return {
      attemptId,
      decision: a.decision,
      campaignId: a.campaign_id,
      leadId: a.lead_id,
      phoneE164: a.phone_e164,
      person: {
        id: person.id,
        name: person.full_name,
        role: role?.role ?? 'debtor',
        birthDate: person.birth_date,
        region: person.region,
        flags: person.flags,
      },
      debt: {
        id: debt.id,
        accountNumber: debt.account_number,
        balance: debt.balance,
        currency: debt.currency,
        daysPastDue: debt.days_past_due,
      },
      otherPersons: others.map((o) => ({ name: o.full_name, role: o.role })),
      phones: phones.map((p) => ({ e164: p.e164, type: p.type, status: p.status, zones: p.candidate_zones })),
      history: history.map((h) => ({
        at: new Date(h.decided_at),
        decision: h.decision,
        outcome: h.outcome,
        disposition: h.code,
        reasonCodes: h.reason_codes,
      })),
      promises: promises.map((p) => ({
        amount: p.amount,
        currency: p.currency,
        dueDate: p.due_date,
        status: p.status,
      })),
      disposition: disposition?.code ?? null,
    };
  }
}
