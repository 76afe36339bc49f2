import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { KnexAttemptLog } from '../../../src/adapters/db/knex-attempt-log.js';
import { KnexLeadRepository } from '../../../src/adapters/db/knex-lead-repository.js';
import { createKnex } from '../../../src/adapters/db/knex-client.js';
import { decideCompliance } from '../../../src/domain/compliance/engine/decide-compliance.js';
import { complianceInputFor } from '../../../src/services/dialer/compliance-input.js';
import { createTestDatabase } from '../../support/database.js';
import { insertCampaign, insertLead } from '../../support/builders.js';

/** The same person (and debt) as a lead in another campaign. */
async function addLead(knex: Knex, campaignId: string, lead: { debtId: number; personId: number }) {
  const [row] = await knex('campaign_leads')
    .insert({
      campaign_id: campaignId,
      debt_id: lead.debtId,
      person_id: lead.personId,
      next_attempt_at: new Date(0),
    })
    .returning('id');
  return Number(row.id);
}

describe('person reservation across dialers and campaigns (issue #3, item 4)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const id of ['ra', 'rb', 'rc', 'x1', 'x2']) await insertCampaign(db.knex, { id, name: id });
  });
  afterAll(async () => db?.drop());

  it('gives one of a person’s leads at a time, defers the others, and frees the person when the lead is released', async () => {
    const first = await insertLead(db.knex, 'x1');
    const secondLeadId = await addLead(db.knex, 'x2', first);
    const other = createKnex(db.url, { max: 4 });
    try {
      const now = new Date();
      const [a, b] = await Promise.all([
        new KnexLeadRepository(db.knex).claimDue('x1', now, 5),
        new KnexLeadRepository(other).claimDue('x2', now, 5),
      ]);
      const winners = [...a.leads, ...b.leads].map((l) => l.leadId);
      const deferred = [...a.deferred, ...b.deferred];
      expect(winners).toHaveLength(1);
      expect(deferred).toHaveLength(1);
      expect(deferred[0]!.personId).toBe(first.personId);
      expect(deferred[0]!.retryAt.getTime()).toBeGreaterThan(now.getTime());
      const held = await db.knex('person_reservations').where('person_id', first.personId);
      expect(held.map((h) => Number(h.lead_id))).toEqual(winners);

      // The call's plan is written: the lead is ready again, the person is free.
      await new KnexLeadRepository(db.knex).update(winners[0]!, {
        state: 'ready',
        nextAttemptAt: new Date(now.getTime() + 3_600_000),
      });
      expect(await db.knex('person_reservations').where('person_id', first.personId)).toHaveLength(0);
      await db.knex('campaign_leads').where('id', deferred[0]!.leadId).update({ next_attempt_at: now });
      const later = await new KnexLeadRepository(other).claimDue(deferred[0]!.campaignId, now, 5);
      expect(later.leads.map((l) => l.leadId)).toEqual([deferred[0]!.leadId]);
      expect([first.leadId, secondLeadId]).toContain(deferred[0]!.leadId);
    } finally {
      await other.destroy();
    }
  });

  it('takes over a reservation whose dialer died (expired), never a live one', async () => {
    const lead = await insertLead(db.knex, 'x1');
    const now = new Date();
    await db.knex('person_reservations').insert({
      person_id: lead.personId,
      lead_id: lead.leadId,
      campaign_id: 'x1',
      reserved_at: new Date(now.getTime() - 5 * 3_600_000),
      expires_at: new Date(now.getTime() + 60_000),
    });
    const repo = new KnexLeadRepository(db.knex);
    expect((await repo.claimDue('x1', now, 50)).leads.map((l) => l.leadId)).not.toContain(lead.leadId);
    await db.knex('campaign_leads').where('id', lead.leadId).update({ next_attempt_at: now });
    await db
      .knex('person_reservations')
      .where('person_id', lead.personId)
      .update({ expires_at: new Date(now.getTime() - 1) });
    expect((await repo.claimDue('x1', now, 50)).leads.map((l) => l.leadId)).toContain(lead.leadId);
  });

  it('with four concurrent dialers over three campaigns, never calls a person twice at once and never places an 8th call in 7 days (Reg F)', async () => {
    const PERSONS = 12;
    const campaigns = ['ra', 'rb', 'rc'];
    const zones = ['America/New_York'];
    for (let i = 0; i < PERSONS; i += 1) {
      const lead = await insertLead(db.knex, 'ra', {
        phones: [{ e164: `+1212555${String(1000 + i)}`, zones }],
        role: 'debtor',
      });
      await addLead(db.knex, 'rb', lead);
      await addLead(db.knex, 'rc', lead);
    }
    // 10:00 in New York on a weekday, inside Reg F's 08:00–21:00; each worker's clock advances
    // by more than the busy-person retry so deferred leads come due again.
    const base = Date.parse('2026-03-04T15:00:00Z');
    const pools = Array.from({ length: 4 }, () => createKnex(db.url, { max: 3 }));
    const inCall = new Set<number>();
    const overlaps: number[] = [];
    const dials = new Map<number, number>();
    try {
      await Promise.all(
        pools.map(async (knex, w) => {
          const leads = new KnexLeadRepository(knex);
          const log = new KnexAttemptLog(knex);
          let idle = 0;
          for (let step = 0; step < 400 && idle < 12; step += 1) {
            const now = new Date(base + step * 6 * 60_000);
            const campaignId = campaigns[(step + w) % campaigns.length]!;
            const claim = await leads.claimDue(campaignId, now, 2);
            if (claim.leads.length === 0) idle += 1;
            else idle = 0;
            for (const lead of claim.leads) {
              const phone = lead.phones[0]!;
              const verdict = decideCompliance(
                complianceInputFor(lead, 'US-REG-F', now, { e164: phone.e164, zones }),
              );
              if (!verdict.allowed) {
                await leads.update(lead.leadId, { state: 'closed', closedReason: 'reg-f' });
                continue;
              }
              if (inCall.has(lead.personId)) overlaps.push(lead.personId);
              inCall.add(lead.personId);
              const attemptId = crypto.randomUUID();
              await log.recordDecision({
                id: attemptId,
                campaignId,
                leadId: lead.leadId,
                personId: lead.personId,
                debtId: lead.debtId,
                dialMode: 'progressive',
                callerId: '+12125550000',
                decidedAt: now,
                phoneId: phone.id,
                phoneE164: phone.e164,
                decision: 'dial',
                reasonCodes: [],
                detail: {},
                reservedAgentId: null,
              });
              dials.set(lead.personId, (dials.get(lead.personId) ?? 0) + 1);
              // The call rings for a while: other dialers run meanwhile.
              await new Promise((r) => setTimeout(r, 3));
              await log.recordEvent({ attemptId, event: 'ended', occurredAt: now, outcome: 'no-answer' });
              inCall.delete(lead.personId);
              await leads.update(lead.leadId, {
                state: 'ready',
                nextAttemptAt: now,
                countedOutcome: 'no-answer',
              });
            }
          }
        }),
      );
    } finally {
      await Promise.all(pools.map((p) => p.destroy()));
    }
    expect(overlaps).toEqual([]);
    expect(dials.size).toBe(PERSONS);
    // Every person was called until Reg F said no: exactly 7 placed calls, never 8.
    expect([...dials.values()].every((n) => n === 7)).toBe(true);
  });
});
