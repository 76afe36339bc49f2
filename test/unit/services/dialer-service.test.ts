import { describe, expect, it } from 'vitest';
import {
  campaignDefinitionSchema,
  type CampaignDefinition,
} from '../../../src/domain/campaign/campaign-definition.js';
import { DialerService } from '../../../src/services/dialer/dialer-service.js';
import { FakeTelephony } from '../../fakes/fake-telephony.js';
import {
  buildAgent,
  buildLead,
  FakeAgentRepository,
  FakeAttemptLog,
  FakeEventBus,
  FakeLeadRepository,
} from '../../fakes/fake-stores.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = new Date('2026-11-23T09:00:00Z'); // Monday 12:00 in Moscow

function campaign(
  mode: 'progressive' | 'predictive' | 'preview' = 'progressive',
  over: Record<string, unknown> = {},
): CampaignDefinition {
  return campaignDefinitionSchema.parse({
    id: 'c',
    name: 'C',
    dial: { mode, maxLines: 10 },
    pacing: { connectGrace: '1s' },
    callerId: { number: '+74951234567', name: 'ACME' },
    agentGroup: 'g',
    script: 's',
    compliance: { ruleSet: 'RU-230-FZ' },
    callingWindows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '22:00' }],
    retry: { onOutcome: { busy: { delay: '30m' } } },
    dispositions: [{ id: 'done', label: 'Done', action: 'final' }],
    abandonMessage: { sound: 'custom/abandon', text: 'x' },
    ...over,
  });
}

function setup(
  agents = [buildAgent(1), buildAgent(2)],
  leads = [buildLead(1), buildLead(2), buildLead(3)],
  mode: 'progressive' | 'predictive' | 'preview' = 'progressive',
  overrides: Record<string, unknown> = {},
) {
  const telephony = new FakeTelephony();
  const deps = {
    leads: new FakeLeadRepository(leads),
    agents: new FakeAgentRepository(agents),
    attempts: new FakeAttemptLog(),
    telephony,
    bus: new FakeEventBus(),
    clock: { now: () => NOW },
    logger: silent,
  };
  const dialer = new DialerService(deps);
  dialer.setCampaigns([{ id: 'c', definition: campaign(mode, overrides) }]);
  dialer.start();
  return { dialer, ...deps };
}

describe('DialerService (progressive)', () => {
  it('places one call per free agent, each with its agent reserved before the Originate', async () => {
    const { dialer, telephony, attempts, agents } = setup();
    await dialer.tick();
    expect(telephony.originates).toHaveLength(2);
    expect(attempts.decisions.map((d) => [d.decision, d.reservedAgentId])).toEqual([
      ['dial', 1],
      ['dial', 2],
    ]);
    expect(agents.agents.map((a) => a.state)).toEqual(['reserved', 'reserved']);
    expect(telephony.originates[0]).toMatchObject({
      destinationE164: '+79120000001',
      ringTimeoutMs: 25_000,
      callerIdNumber: '+74951234567',
    });
    await dialer.tick();
    expect(telephony.originates).toHaveLength(2);
  });

  it('logs a skip with its reasons for a lead that may not be called now, and reschedules it', async () => {
    const dnc = buildLead(1, { isPersonDnc: true });
    const { dialer, telephony, attempts, leads } = setup([buildAgent(1)], [dnc, buildLead(2)]);
    await dialer.tick();
    expect(attempts.decisions[0]).toMatchObject({
      leadId: 1,
      decision: 'skip',
      reasonCodes: ['person-do-not-call'],
    });
    expect(leads.updates[0]).toEqual({
      leadId: 1,
      update: { state: 'closed', closedReason: 'person-do-not-call' },
    });
    expect(telephony.originates.map((o) => o.leadId)).toEqual(['2']);
  });

  it('logs a due lead whose person another dialer holds as a skip, and goes on dialing', async () => {
    const { dialer, telephony, attempts, leads } = setup();
    const retryAt = new Date(NOW.getTime() + 300_000);
    leads.deferred = [{ leadId: 9, campaignId: 'c', debtId: 9, personId: 9, retryAt }];
    await dialer.tick();
    expect(telephony.originates).toHaveLength(2);
    const skip = attempts.decisions.find((d) => d.leadId === 9)!;
    expect(skip).toMatchObject({
      decision: 'skip',
      reasonCodes: ['DIALER-ONE-CALL-PER-PERSON:person-in-contact'],
    });
    expect(skip.detail).toMatchObject({ retryAt });
  });

  it('never retries a refused Originate itself: the agent is freed and the lead comes back later', async () => {
    const { dialer, telephony, agents, leads, attempts } = setup([buildAgent(1)], [buildLead(1)]);
    telephony.failNextOriginate = true;
    await dialer.tick();
    expect(telephony.originates).toHaveLength(0);
    expect(attempts.events.map((e) => e.event)).toEqual(['originate-failed']);
    expect(agents.agents[0]!.state).toBe('ready');
    expect(leads.updates.at(-1)?.update).toMatchObject({ state: 'ready' });
    expect(leads.updates.at(-1)?.update.countedOutcome).toBeUndefined();
  });

  it('connects a live answer to the reserved agent, then wrap-up after the call', async () => {
    const { dialer, telephony, agents, bus, attempts } = setup([buildAgent(1)], [buildLead(1)]);
    await dialer.tick();
    const attemptId = telephony.originates[0]!.attemptId;
    await telephony.emit({ kind: 'answered', attemptId, channel: 'Local/x;1', at: NOW });
    await telephony.emit({ kind: 'human-waiting', attemptId, channel: 'Local/x;1', at: NOW });
    expect(telephony.connects).toEqual([{ attemptId, channel: 'Local/x;1', room: 'agent1001' }]);
    expect(bus.notices.some((n) => n.notice.type === 'call' && n.notice.phase === 'incoming')).toBe(true);
    await telephony.emit({ kind: 'connected', attemptId, room: 'agent1001', at: NOW });
    expect(agents.agents[0]!.state).toBe('on-call');
    await telephony.emit({
      kind: 'ended',
      attemptId,
      at: NOW,
      evidence: {
        wasAnswered: true,
        wasHumanWaiting: true,
        wasConnected: true,
        wasDropped: false,
        hadChannel: true,
      },
    });
    expect(agents.agents[0]!.state).toBe('wrap-up');
    expect(attempts.events.find((e) => e.event === 'ended')).toMatchObject({
      outcome: 'connected',
      agentId: 1,
    });
  });

  it('abandons a live answer whose agent cannot take it within the connect grace (the message is played)', async () => {
    const { dialer, telephony, agents } = setup([buildAgent(1)], [buildLead(1)]);
    await dialer.tick();
    const attemptId = telephony.originates[0]!.attemptId;
    agents.agents[0]!.isLegUp = false; // the agent's phone dropped meanwhile
    await telephony.emit({ kind: 'human-waiting', attemptId, channel: 'Local/x;1', at: NOW });
    expect(telephony.connects).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(telephony.drops).toEqual([attemptId]);
  });

  it('frees the agent and applies the retry rule when the call fails', async () => {
    const { dialer, telephony, agents, leads } = setup([buildAgent(1)], [buildLead(1)]);
    await dialer.tick();
    const attemptId = telephony.originates[0]!.attemptId;
    await telephony.emit({
      kind: 'ended',
      attemptId,
      at: NOW,
      evidence: {
        wasAnswered: false,
        wasHumanWaiting: false,
        wasConnected: false,
        wasDropped: false,
        hadChannel: true,
        dialStatusFromDialplan: 'BUSY',
      },
    });
    expect(agents.agents[0]!.state).toBe('ready');
    expect(leads.updates.at(-1)).toEqual({
      leadId: 1,
      update: {
        state: 'ready',
        nextAttemptAt: new Date(NOW.getTime() + 30 * 60_000),
        countedOutcome: 'busy',
        lastAttemptAt: NOW,
        lastPhoneId: 10,
      },
    });
  });

  it('does not dial while the PBX link is down', async () => {
    const { dialer, telephony } = setup();
    telephony.isReady = false;
    await dialer.tick();
    expect(telephony.originates).toHaveLength(0);
  });
});

describe('DialerService (predictive)', () => {
  it('places calls with no agent reserved and gives a live answer to the agent free at that moment', async () => {
    const { dialer, telephony, agents, attempts } = setup(undefined, undefined, 'predictive');
    await dialer.tick();
    // Cold start: the policy is progressive until it has seen enough attempts (one call per idle agent).
    expect(telephony.originates).toHaveLength(2);
    expect(attempts.decisions.map((d) => [d.decision, d.reservedAgentId])).toEqual([
      ['dial', null],
      ['dial', null],
    ]);
    expect(agents.agents.map((a) => a.state)).toEqual(['ready', 'ready']);
    await dialer.tick();
    expect(telephony.originates).toHaveLength(2); // both agents are covered by calls in flight
    const attemptId = telephony.originates[1]!.attemptId;
    await telephony.emit({ kind: 'answered', attemptId, channel: 'Local/y;1', at: NOW });
    await telephony.emit({ kind: 'human-waiting', attemptId, channel: 'Local/y;1', at: NOW });
    expect(telephony.connects).toEqual([{ attemptId, channel: 'Local/y;1', room: 'agent1001' }]);
  });

  it('abandons a live answer properly when no agent frees up within the grace (the message is played)', async () => {
    const { dialer, telephony, agents, attempts } = setup([buildAgent(1)], [buildLead(1)], 'predictive');
    await dialer.tick();
    const attemptId = telephony.originates[0]!.attemptId;
    agents.agents[0]!.state = 'on-call'; // taken by an inbound call meanwhile
    await telephony.emit({ kind: 'answered', attemptId, channel: 'Local/z;1', at: NOW });
    await telephony.emit({ kind: 'human-waiting', attemptId, channel: 'Local/z;1', at: NOW });
    expect(telephony.connects).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_400)); // the campaign's grace is 1 s
    expect(telephony.drops).toEqual([attemptId]);
    await telephony.emit({ kind: 'dropped', attemptId, at: NOW });
    expect(attempts.events.map((e) => e.event)).toContain('abandoned');
  });

  it('reads the compliance window’s live answers and drops when it starts (a restart keeps the budget)', async () => {
    const telephony = new FakeTelephony();
    const asked: { campaignId: string; since: Date }[] = [];
    const dialer = new DialerService({
      leads: new FakeLeadRepository([]),
      agents: new FakeAgentRepository([buildAgent(1)]),
      attempts: new FakeAttemptLog(),
      telephony,
      bus: new FakeEventBus(),
      clock: { now: () => NOW },
      logger: silent,
      abandonmentSince: async (campaignId, since) => {
        asked.push({ campaignId, since });
        return { live: 1000, drops: 25 };
      },
    });
    dialer.setCampaigns([{ id: 'c', definition: campaign('predictive') }]);
    await new Promise((r) => setImmediate(r));
    expect(asked).toEqual([{ campaignId: 'c', since: new Date(NOW.getTime() - 30 * 86_400_000) }]);
  });
});

describe('DialerService and the campaign’s rule set', () => {
  const call = (hoursAgo: number, over: Record<string, unknown> = {}) => ({
    at: new Date(NOW.getTime() - hoursAgo * 3_600_000),
    kind: 'call' as const,
    debtId: 1,
    personId: 1,
    e164: '+79120000001',
    outcome: 'connected',
    isConversation: false,
    ...over,
  });

  it('230-FZ: a second conversation the same day is not dialed; the skip says why and when', async () => {
    const lead = buildLead(1, { history: [call(2, { isConversation: true })] });
    const { dialer, telephony, attempts, leads } = setup([buildAgent(1)], [lead]);
    await dialer.tick();
    expect(telephony.originates).toHaveLength(0);
    expect(attempts.decisions[0]).toMatchObject({ decision: 'skip' });
    expect(attempts.decisions[0]!.reasonCodes.some((c) => c.startsWith('RU-230-CALLS-1-2-8'))).toBe(true);
    // Next working day 08:00 in Moscow = 05:00 UTC.
    expect(leads.updates.at(-1)?.update).toEqual({
      state: 'ready',
      nextAttemptAt: new Date('2026-11-24T05:00:00.000Z'),
    });
  });

  it('Reg F: the 8th placed call in 7 days is not dialed, busy calls do not count', async () => {
    const usCampaign = { compliance: { ruleSet: 'US-REG-F' } };
    const placed = Array.from({ length: 7 }, (_, i) => call(10 + i * 20, { outcome: 'no-answer' }));
    const { dialer: d1, telephony: t1 } = setup(
      [buildAgent(1)],
      [buildLead(1, { history: placed })],
      'progressive',
      usCampaign,
    );
    await d1.tick();
    expect(t1.originates).toHaveLength(0);
    const busy = placed.map((h) => ({ ...h, outcome: 'busy' }));
    const { dialer: d2, telephony: t2 } = setup(
      [buildAgent(1)],
      [buildLead(1, { history: busy })],
      'progressive',
      usCampaign,
    );
    await d2.tick();
    expect(t2.originates).toHaveLength(1);
  });

  it('records the rule set and its counters with every dial', async () => {
    const { dialer, attempts } = setup([buildAgent(1)], [buildLead(1, { history: [call(30)] })]);
    await dialer.tick();
    expect(attempts.decisions[0]).toMatchObject({ decision: 'dial', detail: { ruleSet: 'RU-230-FZ' } });
    expect(attempts.decisions[0]!.detail.counters).toHaveProperty(['RU-230-CALLS-1-2-8:cal_week']);
  });
});

describe('DialerService (agent-owned callbacks)', () => {
  it('gives the call to the owning agent only, even when another agent has waited longer', async () => {
    const agents = [
      buildAgent(1, { stateSince: new Date(0) }),
      buildAgent(2, { stateSince: new Date(1000) }),
    ];
    const { dialer, attempts } = setup(agents, [buildLead(1, { ownerAgentId: 2 })]);
    await dialer.tick();
    expect(attempts.decisions).toMatchObject([{ decision: 'dial', reservedAgentId: 2 }]);
  });

  it('waits for a busy owner, with the wait on record', async () => {
    const agents = [buildAgent(1), buildAgent(2, { state: 'paused' })];
    const { dialer, telephony, attempts, leads } = setup(agents, [buildLead(1, { ownerAgentId: 2 })]);
    await dialer.tick();
    expect(telephony.originates).toHaveLength(0);
    expect(attempts.decisions).toMatchObject([
      { decision: 'skip', reasonCodes: ['owner-agent-unavailable'] },
    ]);
    expect(leads.updates.at(-1)?.update).toEqual({
      state: 'ready',
      nextAttemptAt: new Date(NOW.getTime() + 5 * 60_000),
    });
  });
});

describe('DialerService (preview)', () => {
  const previewCampaign = { dial: { mode: 'preview', maxLines: 10, previewTimeout: '1s' } };

  it('shows the lead to a reserved agent first, and places nothing', async () => {
    const { dialer, telephony, attempts, agents, bus } = setup(
      [buildAgent(1)],
      [buildLead(1)],
      'preview',
      previewCampaign,
    );
    await dialer.tick();
    expect(telephony.originates).toHaveLength(0);
    expect(attempts.decisions).toMatchObject([
      { decision: 'preview', reservedAgentId: 1, phoneE164: '+79120000001' },
    ]);
    expect(agents.agents[0]).toMatchObject({
      state: 'reserved',
      currentAttemptId: attempts.decisions[0]!.id,
    });
    expect(bus.notices.at(-1)?.notice).toMatchObject({ type: 'call', phase: 'preview' });
    await dialer.tick();
    expect(attempts.decisions).toHaveLength(1);
  });

  it('on "call" decides again and places the call as a new attempt with the same agent', async () => {
    const { dialer, telephony, attempts, agents } = setup(
      [buildAgent(1)],
      [buildLead(1)],
      'preview',
      previewCampaign,
    );
    await dialer.tick();
    const previewId = attempts.decisions[0]!.id;
    await dialer.previewAction(1, previewId, 'call');
    expect(attempts.decisions.map((d) => d.decision)).toEqual(['preview', 'dial']);
    const dialId = attempts.decisions[1]!.id;
    expect(dialId).not.toBe(previewId);
    expect(telephony.originates.map((o) => o.attemptId)).toEqual([dialId]);
    expect(agents.agents[0]).toMatchObject({ state: 'reserved', currentAttemptId: dialId });
  });

  it('does not call when the person asked not to be called while the lead was on screen', async () => {
    const { dialer, telephony, attempts, agents, leads } = setup(
      [buildAgent(1)],
      [buildLead(1)],
      'preview',
      previewCampaign,
    );
    await dialer.tick();
    leads.held.set(1, buildLead(1, { isPersonDnc: true }));
    await dialer.previewAction(1, attempts.decisions[0]!.id, 'call');
    expect(telephony.originates).toHaveLength(0);
    expect(attempts.decisions.map((d) => [d.decision, d.reasonCodes])).toEqual([
      ['preview', []],
      ['skip', ['person-do-not-call']],
    ]);
    expect(agents.agents[0]!.state).toBe('ready');
  });

  it('on "skip" returns the lead for later and frees the agent', async () => {
    const { dialer, attempts, agents, leads } = setup(
      [buildAgent(1)],
      [buildLead(1)],
      'preview',
      previewCampaign,
    );
    await dialer.tick();
    await dialer.previewAction(1, attempts.decisions[0]!.id, 'skip');
    expect(attempts.events.map((e) => e.event)).toEqual(['preview-skipped']);
    expect(leads.updates.at(-1)).toEqual({
      leadId: 1,
      update: { state: 'ready', nextAttemptAt: new Date(NOW.getTime() + 4 * 3_600_000) },
    });
    expect(agents.agents[0]!.state).toBe('ready');
  });

  it('ignores an answer for another agent’s preview', async () => {
    const { dialer, telephony, attempts } = setup(
      [buildAgent(1)],
      [buildLead(1)],
      'preview',
      previewCampaign,
    );
    await dialer.tick();
    await dialer.previewAction(2, attempts.decisions[0]!.id, 'call');
    expect(telephony.originates).toHaveLength(0);
  });

  it('gives the lead back and pauses the agent when the preview times out', async () => {
    const { dialer, attempts, agents, leads } = setup(
      [buildAgent(1)],
      [buildLead(1)],
      'preview',
      previewCampaign,
    );
    await dialer.tick();
    await new Promise((r) => setTimeout(r, 1100));
    expect(attempts.events.map((e) => e.event)).toEqual(['preview-expired']);
    expect(leads.updates.at(-1)?.update).toMatchObject({ state: 'ready' });
    expect(agents.agents[0]).toMatchObject({ state: 'paused' });
  });
});
