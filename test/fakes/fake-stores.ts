import type { AgentRecord, AgentRepository, AgentStateChange } from '../../src/ports/agent-repository.js';
import type { AttemptDecisionRecord, AttemptEventRecord, AttemptLog } from '../../src/ports/attempt-log.js';
import type { AgentNotice, DialerCommand, EventBus } from '../../src/ports/event-bus.js';
import type {
  ClaimedLead,
  DeferredLead,
  LeadRepository,
  LeadUpdate,
} from '../../src/ports/lead-repository.js';

export class FakeLeadRepository implements LeadRepository {
  readonly updates: { leadId: number; update: LeadUpdate }[] = [];
  readonly badPhones: number[] = [];
  constructor(public due: ClaimedLead[]) {}
  /** Due leads whose person another dialer holds: handed back once, before the due leads. */
  deferred: DeferredLead[] = [];
  async claimDue(_campaignId: string, _now: Date, limit: number) {
    const deferred = this.deferred;
    this.deferred = [];
    return { leads: this.due.splice(0, limit), deferred };
  }
  /** Leads the test changes while the dialer holds them (a DNC arriving during a preview). */
  readonly held = new Map<number, ClaimedLead>();
  async reload(leadId: number) {
    return this.held.get(leadId) ?? null;
  }
  async update(leadId: number, update: LeadUpdate) {
    this.updates.push({ leadId, update });
  }
  async markPhone(phoneId: number) {
    this.badPhones.push(phoneId);
  }
  async recoverStale() {
    return 0;
  }
}

export class FakeAgentRepository implements AgentRepository {
  constructor(public agents: AgentRecord[]) {}
  async get(id: number) {
    return this.agents.find((a) => a.id === id) ?? null;
  }
  async byUserId(userId: number) {
    return this.agents.find((a) => a.userId === userId) ?? null;
  }
  async byRoom(room: string) {
    return this.agents.find((a) => a.room === room) ?? null;
  }
  async list() {
    return this.agents;
  }
  async changeState(agentId: number, c: AgentStateChange) {
    const a = this.agents.find((x) => x.id === agentId);
    if (!a) return false;
    if (c.onlyFrom && !c.onlyFrom.includes(a.state)) return false;
    if (c.onlyAttemptId !== undefined && a.currentAttemptId !== c.onlyAttemptId) return false;
    a.state = c.to;
    a.stateSince = c.now;
    a.currentAttemptId = ['reserved', 'on-call', 'wrap-up'].includes(c.to)
      ? (c.attemptId ?? a.currentAttemptId)
      : null;
    return true;
  }
  async setLegUp(agentId: number, isUp: boolean) {
    const a = this.agents.find((x) => x.id === agentId);
    if (a) a.isLegUp = isUp;
  }
  async reserveFree(group: string, attemptId: string, campaignId: string, now: Date) {
    const a = this.agents
      .filter((x) => x.state === 'ready' && x.isLegUp && x.groups.includes(group))
      .sort((x, y) => +x.stateSince - +y.stateSince)[0];
    if (!a) return null;
    Object.assign(a, {
      state: 'reserved',
      stateSince: now,
      currentAttemptId: attemptId,
      currentCampaignId: campaignId,
    });
    return a;
  }
  async reserveAgent(agentId: number, attemptId: string, campaignId: string, now: Date) {
    const a = this.agents.find((x) => x.id === agentId && x.state === 'ready' && x.isLegUp);
    if (!a) return null;
    Object.assign(a, {
      state: 'reserved',
      stateSince: now,
      currentAttemptId: attemptId,
      currentCampaignId: campaignId,
    });
    return a;
  }
  async countFree(group: string) {
    return this.agents.filter((x) => x.state === 'ready' && x.isLegUp && x.groups.includes(group)).length;
  }
}

export class FakeAttemptLog implements AttemptLog {
  readonly decisions: AttemptDecisionRecord[] = [];
  readonly events: AttemptEventRecord[] = [];
  async recordDecision(r: AttemptDecisionRecord) {
    this.decisions.push(r);
  }
  async recordEvent(r: AttemptEventRecord) {
    this.events.push(r);
  }
}

export class FakeEventBus implements EventBus {
  readonly commands: DialerCommand[] = [];
  readonly notices: { agentId: number; notice: AgentNotice }[] = [];
  async sendCommand(c: DialerCommand) {
    this.commands.push(c);
  }
  async onCommand() {
    return async () => undefined;
  }
  async notifyAgent(agentId: number, notice: AgentNotice) {
    this.notices.push({ agentId, notice });
  }
  async onAgentNotice() {
    return async () => undefined;
  }
  async close() {}
}

export function buildAgent(id: number, over: Partial<AgentRecord> = {}): AgentRecord {
  return {
    id,
    userId: id,
    displayName: `Agent ${id}`,
    room: `agent${1000 + id}`,
    endpoint: `PJSIP/agent${1000 + id}`,
    groups: ['g'],
    state: 'ready',
    stateSince: new Date(0),
    pauseReason: null,
    currentAttemptId: null,
    currentCampaignId: null,
    isLegUp: true,
    ...over,
  };
}

export function buildLead(id: number, over: Partial<ClaimedLead> = {}): ClaimedLead {
  return {
    leadId: id,
    campaignId: 'c',
    debtId: id,
    personId: id,
    attempts: 0,
    outcomeCounts: {},
    ownerAgentId: null,
    person: {
      role: 'debtor',
      hasThirdPartyConsent: false,
      flags: [],
      quietBeforeLocal: null,
      country: null,
      region: null,
      quietAfterLocal: null,
    },
    phones: [
      {
        id: id * 10,
        e164: `+7912000${String(id).padStart(4, '0')}`,
        status: 'ok',
        candidateZones: ['Europe/Moscow'],
        lastAttemptAt: null,
      },
    ],
    isPersonDnc: false,
    dncNumbers: new Set(),
    history: [],
    ...over,
  };
}
