import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnexAttemptLog } from '../../../src/adapters/db/knex-attempt-log.js';
import { KnexLeadRepository } from '../../../src/adapters/db/knex-lead-repository.js';
import { KnexLeadStatusReadModel } from '../../../src/adapters/db/knex-lead-status-read-model.js';
import {
  campaignDefinitionSchema,
  type CampaignDefinition,
} from '../../../src/domain/campaign/campaign-definition.js';
import { LeadExplainer } from '../../../src/services/compliance/explain-lead.js';
import { createTestDatabase } from '../../support/database.js';
import { insertCampaign, insertLead } from '../../support/builders.js';

/** Tuesday 2026-03-10 15:00 UTC: 11:00 in New York, 18:00 in Moscow, 03:00 next day in Kamchatka. */
const NOW = new Date('2026-03-10T15:00:00Z');

function campaign(id: string, ruleSet: string): CampaignDefinition {
  return campaignDefinitionSchema.parse({
    id,
    name: `Campaign ${id}`,
    dial: { mode: 'progressive', maxLines: 10 },
    callerId: { number: '+12125550000', name: 'ACME' },
    agentGroup: 'g',
    script: 's',
    compliance: { ruleSet },
    callingWindows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], from: '08:00', to: '21:00' },
    ],
    retry: { onOutcome: { busy: { delay: '30m' } } },
    dispositions: [{ id: 'done', label: 'Done', action: 'final' }],
    abandonMessage: { sound: 'custom/abandon', text: 'x' },
  });
}

describe('why isn’t this lead being dialed? (LeadExplainer over PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let explainer: LeadExplainer;
  const defs = new Map<string, CampaignDefinition>();

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [id, set] of [
      ['us', 'US-REG-F'],
      ['ru', 'RU-230-FZ'],
      ['paused', 'US-REG-F'],
    ] as const) {
      defs.set(id, campaign(id, set));
      await insertCampaign(db.knex, { id, name: id }, id === 'paused' ? 'paused' : 'running');
    }
    explainer = new LeadExplainer({
      status: new KnexLeadStatusReadModel(db.knex),
      leads: new KnexLeadRepository(db.knex),
      campaigns: (id) => defs.get(id),
      clock: { now: () => NOW },
    });
  });
  afterAll(async () => db?.drop());

  const ny = (n: number) => ({ e164: `+1212555${String(2000 + n)}`, zones: ['America/New_York'] });

  it('a due lead inside its window with nothing against it is callable now, with its place in the queue', async () => {
    await insertLead(db.knex, 'us', { phones: [ny(1)], nextAttemptAt: new Date(NOW.getTime() - 7_200_000) });
    const { leadId } = await insertLead(db.knex, 'us', {
      phones: [ny(2)],
      nextAttemptAt: new Date(NOW.getTime() - 3_600_000),
    });
    const [e] = await explainer.explain({ leadId });
    expect(e).toMatchObject({ isCallableNow: true, blockers: [], dueAhead: 1 });
    expect(e!.callableAt).toEqual(NOW);
    expect(e!.decisionNow).toMatchObject({ allowed: true, phone: ny(2).e164, zones: ['America/New_York'] });
  });

  it('outside the calling window in the person’s zone: when it opens, in every candidate zone', async () => {
    const { leadId } = await insertLead(db.knex, 'ru', {
      phones: [{ e164: '+74152200001', zones: ['Asia/Kamchatka'] }],
    });
    const [e] = await explainer.explain({ leadId });
    expect(e!.isCallableNow).toBe(false);
    expect(e!.blockers.map((b) => b.code)).toEqual(['outside-calling-window']);
    // 08:00 in Kamchatka (UTC+12) on 11 March.
    expect(e!.callableAt?.toISOString()).toBe('2026-03-10T20:00:00.000Z');
  });

  it('Reg F: after 7 placed calls in 7 days the limit is the blocker, and it lifts when the oldest call rolls off', async () => {
    const lead = await insertLead(db.knex, 'us', { phones: [ny(3)] });
    const log = new KnexAttemptLog(db.knex);
    for (let day = 1; day <= 7; day += 1) {
      const id = `regf-${lead.leadId}-${day}`;
      const at = new Date(NOW.getTime() - day * 20 * 3_600_000);
      await log.recordDecision({
        id,
        campaignId: 'us',
        leadId: lead.leadId,
        personId: lead.personId,
        debtId: lead.debtId,
        dialMode: 'progressive',
        callerId: '+12125550000',
        decidedAt: at,
        phoneId: null,
        phoneE164: ny(3).e164,
        decision: 'dial',
        reasonCodes: [],
        detail: {},
        reservedAgentId: null,
      });
      await log.recordEvent({ attemptId: id, event: 'ended', occurredAt: at, outcome: 'no-answer' });
    }
    const [e] = await explainer.explain({ leadId: lead.leadId });
    expect(e!.blockers).toEqual([
      expect.objectContaining({ code: 'frequency-limit', ruleId: 'US-REGF-7IN7-CALLS' }),
    ]);
    // The oldest of the seven was 140 h ago: it leaves the 7 × 24 h window 28 h from now.
    expect(e!.callableAt?.toISOString()).toBe(new Date(NOW.getTime() + 28 * 3_600_000).toISOString());
    expect(e!.decisionNow?.counters).toMatchObject({ 'US-REGF-7IN7-CALLS': { used: 7, limit: 7 } });
  });

  it('blockers that do not lift by themselves: a paused campaign, a person on the do-not-call list', async () => {
    const lead = await insertLead(db.knex, 'paused', { phones: [ny(4)] });
    await db
      .knex('dnc_entries')
      .insert({ scope: 'person', person_id: lead.personId, source: 'test', received_at: NOW });
    const [e] = await explainer.explain({ leadId: lead.leadId });
    expect(e!.blockers.map((b) => b.code)).toEqual(['campaign-paused', 'person-do-not-call']);
    expect(e!.callableAt).toBeNull();
    expect(e!.blockers.every((b) => b.until === null)).toBe(true);
  });

  it('by phone number: every lead of the person, in every campaign, and the person held by one of them', async () => {
    const lead = await insertLead(db.knex, 'us', { phones: [ny(5)] });
    const [other] = await db
      .knex('campaign_leads')
      .insert({ campaign_id: 'ru', debt_id: lead.debtId, person_id: lead.personId, next_attempt_at: NOW })
      .returning('id');
    const claim = await new KnexLeadRepository(db.knex).claimDue('us', NOW, 50);
    expect(claim.leads.map((l) => l.leadId)).toContain(lead.leadId);
    const found = await explainer.explain({ e164: ny(5).e164 });
    expect(found.map((e) => e.leadId).sort()).toEqual([lead.leadId, Number(other.id)].sort());
    const held = found.find((e) => e.leadId === Number(other.id))!;
    expect(held.blockers.map((b) => b.code)).toContain('person-in-contact');
    const inCall = found.find((e) => e.leadId === lead.leadId)!;
    expect(inCall.blockers.map((b) => b.code)).toContain('lead-in-progress');
  });

  it('finds nothing for an unknown lead or number', async () => {
    expect(await explainer.explain({ leadId: 999_999 })).toEqual([]);
    expect(await explainer.explain({ e164: '+12125559999' })).toEqual([]);
  });
});

describe('cli compliance explain (the same explanation from a terminal)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await insertCampaign(db.knex, { id: 'us-collections', name: 'US' }, 'paused');
  });
  afterAll(async () => db?.drop());

  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'compliance', 'explain', ...args], {
      encoding: 'utf8',
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: db.url, CAMPAIGNS_DIR: 'campaigns' },
    });

  it('explains a lead by id (JSON) and by phone number (text), and refuses a bad query', async () => {
    const lead = await insertLead(db.knex, 'us-collections', {
      phones: [{ e164: '+12125553001', zones: ['America/New_York'] }],
    });
    const json = run(['--lead', String(lead.leadId), '--json']);
    expect(json.status, json.stderr).toBe(0);
    const { leads } = JSON.parse(json.stdout) as {
      leads: { leadId: number; blockers: { code: string }[] }[];
    };
    expect(leads[0]!.leadId).toBe(lead.leadId);
    expect(leads[0]!.blockers.map((b) => b.code)).toContain('campaign-paused');

    const text = run(['--phone', '+1 (212) 555-3001']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(`lead ${lead.leadId} · campaign us-collections (paused`);
    expect(text.stdout).toContain('NOT CALLABLE until someone acts');

    const bad = run(['--lead', 'x1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lead: "x1" is not a lead id');
    const none = run(['--lead', '987654']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no lead 987654');
  });
});
