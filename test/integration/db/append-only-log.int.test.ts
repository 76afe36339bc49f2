import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createTestDatabase } from '../../support/database.js';
import { insertCampaign, insertLead } from '../../support/builders.js';

describe('the call-attempt log is append-only', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let knex: Knex;
  let attemptId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    knex = db.knex;
    await insertCampaign(knex, { id: 'c1', name: 'C1' });
    const lead = await insertLead(knex, 'c1');
    attemptId = randomUUID();
    await knex('call_attempts').insert({
      id: attemptId,
      campaign_id: 'c1',
      lead_id: lead.leadId,
      person_id: lead.personId,
      debt_id: lead.debtId,
      dial_mode: 'progressive',
      decision: 'dial',
      decided_at: new Date(),
    });
    await knex('call_attempt_events').insert({
      attempt_id: attemptId,
      event: 'originated',
      occurred_at: new Date(),
    });
  });
  afterAll(async () => db?.drop());

  it.each([
    ['UPDATE call_attempts', () => knex('call_attempts').where('id', attemptId).update({ decision: 'skip' })],
    ['DELETE call_attempts', () => knex('call_attempts').where('id', attemptId).delete()],
    ['TRUNCATE call_attempts', () => knex.raw('TRUNCATE call_attempts CASCADE')],
    [
      'UPDATE call_attempt_events',
      () => knex('call_attempt_events').where('attempt_id', attemptId).update({ event: 'ended' }),
    ],
    ['DELETE call_attempt_events', () => knex('call_attempt_events').where('attempt_id', attemptId).delete()],
  ])('refuses %s', async (_name, change) => {
    await expect(change()).rejects.toThrow(/append-only/);
    const row = await knex('call_attempts').where('id', attemptId).first();
    expect(row.decision).toBe('dial');
  });

  it('accepts only one "ended" per attempt (replayed evidence is idempotent)', async () => {
    await knex.raw(
      `INSERT INTO call_attempt_events (attempt_id, event, occurred_at, outcome) VALUES (?, 'ended', now(), 'busy') ON CONFLICT DO NOTHING`,
      [attemptId],
    );
    await knex.raw(
      `INSERT INTO call_attempt_events (attempt_id, event, occurred_at, outcome) VALUES (?, 'ended', now(), 'no-answer') ON CONFLICT DO NOTHING`,
      [attemptId],
    );
    const ended = await knex('call_attempt_events').where({ attempt_id: attemptId, event: 'ended' });
    expect(ended.map((e) => e.outcome)).toEqual(['busy']);
  });
});
