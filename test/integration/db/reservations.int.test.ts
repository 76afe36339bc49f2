import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnexAgentRepository } from '../../../src/adapters/db/knex-agent-repository.js';
import { KnexLeadRepository } from '../../../src/adapters/db/knex-lead-repository.js';
import { createKnex } from '../../../src/adapters/db/knex-client.js';
import { createTestDatabase } from '../../support/database.js';
import { insertAgent, insertCampaign, insertLead } from '../../support/builders.js';

describe('reservations under concurrency (two dialers)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertCampaign(db.knex, { id: 'c1', name: 'C1' });
  });
  afterAll(async () => db?.drop());

  it('never gives the same lead to two dialers', async () => {
    for (let i = 0; i < 60; i += 1) await insertLead(db.knex, 'c1');
    // Two separate connection pools stand for two dialer processes.
    const other = createKnex(db.url, { max: 10 });
    try {
      const a = new KnexLeadRepository(db.knex);
      const b = new KnexLeadRepository(other);
      const now = new Date();
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimDue('c1', now, 5)),
      );
      const ids = claims.flatMap((c) => c.leads).map((l) => l.leadId);
      expect(ids.length).toBe(60);
      expect(new Set(ids).size).toBe(60);
      const states = await db.knex('campaign_leads').where('campaign_id', 'c1').distinct('state');
      expect(states.map((s) => s.state)).toEqual(['dialing']);
    } finally {
      await other.destroy();
    }
  });

  it('reserves each ready agent at most once', async () => {
    const agents = await Promise.all(
      Array.from({ length: 5 }, (_, i) => insertAgent(db.knex, `res${i}`, ['g1'])),
    );
    await insertAgent(db.knex, 'other-group', ['g2']);
    await insertAgent(db.knex, 'leg-down', ['g1'], 'ready', false);
    const other = createKnex(db.url, { max: 10 });
    try {
      const repos = [new KnexAgentRepository(db.knex), new KnexAgentRepository(other)];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          repos[i % 2]!.reserveFree('g1', `attempt-${i}`, 'c1', new Date()),
        ),
      );
      const reserved = results.filter((r) => r !== null).map((r) => r!.id);
      expect(reserved.sort()).toEqual(agents.map((a) => a.agentId).sort());
      const changes = await db.knex('agent_state_changes').where('to_state', 'reserved');
      expect(changes.length).toBe(5);
    } finally {
      await other.destroy();
    }
  });

  it('reserves a named agent only when it is ready with its phone leg up (agent-owned callbacks)', async () => {
    const ready = await insertAgent(db.knex, 'owner-ready', ['g3']);
    const paused = await insertAgent(db.knex, 'owner-paused', ['g3'], 'paused');
    const repo = new KnexAgentRepository(db.knex);
    expect(await repo.reserveAgent(paused.agentId, 'a-1', 'c1', new Date())).toBeNull();
    expect((await repo.reserveAgent(ready.agentId, 'a-2', 'c1', new Date()))?.currentAttemptId).toBe('a-2');
    expect(await repo.reserveAgent(ready.agentId, 'a-3', 'c1', new Date())).toBeNull();
  });
});
