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
  dialer.setCampaigns([{ id: 'c', definition: campaign(mode) }]);
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

  it('refuses to dial a campaign in a mode that is not built yet, instead of dialing it differently', async () => {
    const { dialer, telephony } = setup(undefined, undefined, 'predictive');
    await dialer.tick();
    expect(telephony.originates).toHaveLength(0);
  });
});
