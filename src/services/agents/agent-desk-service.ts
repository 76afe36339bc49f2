/**
 * The agent's actions, used by the agent web page and by the demo's simulated agents alike:
 * log in, ready, pause, hang up, disposition (with callback or promise to pay), log out.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { planAfterDisposition } from '../../domain/scheduling/retry-policy.js';
import type { AgentRecord, AgentRepository } from '../../ports/agent-repository.js';
import type { Clock } from '../../ports/clock.js';
import type { DispositionStore } from '../../ports/disposition-store.js';
import type { EventBus } from '../../ports/event-bus.js';

export const dispositionInputSchema = z
  .object({
    attemptId: z.string().min(1),
    code: z.string().min(1),
    notes: z.string().max(4000).optional(),
    /** Local date-time in the person's zone, e.g. 2026-11-24T10:30, for callbacks. */
    callbackLocal: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'write the time as YYYY-MM-DDTHH:MM')
      .optional(),
    callbackZone: z.string().optional(),
    callbackMine: z.boolean().optional(),
    promiseAmount: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount such as 1500 or 1500.50')
      .optional(),
    promiseDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-01')
      .optional(),
    /** Go to pause instead of ready after this call. */
    pauseAfter: z.boolean().optional(),
  })
  .strict();
export type DispositionInput = z.infer<typeof dispositionInputSchema>;

export interface AgentDeskDeps {
  agents: AgentRepository;
  dispositions: DispositionStore;
  bus: EventBus;
  clock: Clock;
  campaign: (id: string) => CampaignDefinition | undefined;
  /** The zone to read a callback time in when the agent does not pick one (the person's first candidate). */
  personZoneOfAttempt: (attemptId: string) => Promise<string | null>;
}

export class AgentDeskService {
  constructor(private readonly deps: AgentDeskDeps) {}

  private async agent(agentId: number): Promise<AgentRecord> {
    const agent = await this.deps.agents.get(agentId);
    if (!agent) throw new NotFoundError(`agent ${agentId} does not exist`);
    return agent;
  }

  async login(agentId: number): Promise<AgentRecord> {
    const agent = await this.agent(agentId);
    if (agent.state === 'offline') {
      await this.deps.agents.changeState(agentId, {
        to: 'paused',
        now: this.deps.clock.now(),
        reason: 'login',
        onlyFrom: ['offline'],
      });
    }
    if (!agent.isLegUp) await this.deps.bus.sendCommand({ type: 'agent-leg', agentId, up: true });
    return this.agent(agentId);
  }

  async ready(agentId: number): Promise<AgentRecord> {
    const agent = await this.agent(agentId);
    if (agent.state === 'ready') return agent;
    if (agent.state !== 'paused') throw new ConflictError(`cannot go ready while ${agent.state}`);
    if (!agent.isLegUp) {
      await this.deps.bus.sendCommand({ type: 'agent-leg', agentId, up: true });
      throw new ConflictError(
        'your phone is not connected yet; it is being called — answer it, then press Ready again',
      );
    }
    await this.deps.agents.changeState(agentId, {
      to: 'ready',
      now: this.deps.clock.now(),
      onlyFrom: ['paused'],
    });
    await this.deps.bus.sendCommand({ type: 'agent-ready', agentId });
    return this.agent(agentId);
  }

  async pause(agentId: number, reason: string): Promise<AgentRecord> {
    const agent = await this.agent(agentId);
    if (agent.state === 'paused') return agent;
    const ok = await this.deps.agents.changeState(agentId, {
      to: 'paused',
      now: this.deps.clock.now(),
      reason,
      onlyFrom: ['ready'],
    });
    if (!ok) throw new ConflictError(`cannot pause while ${agent.state}; finish the call first`);
    return this.agent(agentId);
  }

  async logout(agentId: number): Promise<AgentRecord> {
    const agent = await this.agent(agentId);
    const ok = await this.deps.agents.changeState(agentId, {
      to: 'offline',
      now: this.deps.clock.now(),
      reason: 'logout',
      onlyFrom: ['paused', 'ready', 'offline'],
    });
    if (!ok) throw new ConflictError(`cannot log out while ${agent.state}; finish the call first`);
    await this.deps.bus.sendCommand({ type: 'agent-leg', agentId, up: false });
    return this.agent(agentId);
  }

  async hangup(agentId: number): Promise<void> {
    const agent = await this.agent(agentId);
    if (agent.state !== 'on-call' || !agent.currentAttemptId)
      throw new ConflictError('there is no call to hang up');
    await this.deps.bus.sendCommand({ type: 'hangup', agentId, attemptId: agent.currentAttemptId });
  }

  /** Preview mode: call the lead on screen, or skip it. The worker re-checks the lead before dialing. */
  async preview(agentId: number, action: unknown): Promise<void> {
    if (action !== 'call' && action !== 'skip') {
      throw new ValidationError('action: must be "call" or "skip"', [
        { path: 'action', message: 'call or skip' },
      ]);
    }
    const agent = await this.agent(agentId);
    if (agent.state !== 'reserved' || !agent.currentAttemptId)
      throw new ConflictError('there is no lead on preview');
    await this.deps.bus.sendCommand({ type: 'preview', agentId, attemptId: agent.currentAttemptId, action });
  }

  async dispose(
    agentId: number,
    raw: unknown,
    options: { isAutomatic?: boolean } = {},
  ): Promise<AgentRecord> {
    const parsed = dispositionInputSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ValidationError(
        `disposition: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const input = parsed.data;
    const agent = await this.agent(agentId);
    if (agent.currentAttemptId !== input.attemptId || agent.state !== 'wrap-up') {
      throw new ConflictError(
        `attempt ${input.attemptId} is not this agent's call in wrap-up (hang up first)`,
      );
    }
    const campaignId = agent.currentCampaignId;
    const campaign = campaignId ? this.deps.campaign(campaignId) : undefined;
    if (!campaign || !campaignId)
      throw new NotFoundError(`the campaign of attempt ${input.attemptId} is not loaded`);
    const disposition = campaign.dispositions.find((d) => d.id === input.code);
    if (!disposition) {
      throw new ValidationError(`code: "${input.code}" is not a disposition of campaign ${campaignId}`, [
        {
          path: 'code',
          message: `unknown disposition; one of ${campaign.dispositions.map((d) => d.id).join(', ')}`,
        },
      ]);
    }
    const now = this.deps.clock.now();
    let callback: { scheduledAt: Date; zone: string; isAgentOwned: boolean } | undefined;
    if (disposition.action === 'callback') {
      if (!input.callbackLocal)
        throw new ValidationError('callbackLocal: a callback needs a date and time', [
          { path: 'callbackLocal', message: 'required for a callback' },
        ]);
      const zone = input.callbackZone ?? (await this.deps.personZoneOfAttempt(input.attemptId)) ?? 'UTC';
      const local = DateTime.fromISO(input.callbackLocal, { zone });
      if (!local.isValid)
        throw new ValidationError(`callbackZone: "${zone}" is not a time zone`, [
          { path: 'callbackZone', message: 'unknown zone' },
        ]);
      if (local.toJSDate() <= now)
        throw new ValidationError('callbackLocal: the callback time is in the past', [
          { path: 'callbackLocal', message: 'in the past' },
        ]);
      callback = { scheduledAt: local.toJSDate(), zone, isAgentOwned: input.callbackMine ?? false };
    }
    let promise: { amount: string; currency: string; dueDate: string } | undefined;
    if (disposition.action === 'promise-to-pay') {
      if (!input.promiseAmount || !input.promiseDate) {
        throw new ValidationError('a promise to pay needs promiseAmount and promiseDate', [
          {
            path: input.promiseAmount ? 'promiseDate' : 'promiseAmount',
            message: 'required for a promise to pay',
          },
        ]);
      }
      promise = {
        amount: input.promiseAmount,
        currency: campaign.locale === 'ru' ? 'RUB' : 'USD',
        dueDate: input.promiseDate,
      };
    }
    const plan = planAfterDisposition(now, campaign, 0, {
      disposition,
      callbackAt: callback?.scheduledAt,
      promiseDueDate: promise
        ? DateTime.fromISO(promise.dueDate, { zone: 'UTC' }).endOf('day').toJSDate()
        : undefined,
    });
    const applied = await this.deps.dispositions.apply({
      attemptId: input.attemptId,
      leadId: 0, // resolved from the attempt by the store
      campaignId,
      agentId,
      code: disposition.id,
      action: disposition.action,
      isConversation: disposition.conversation,
      isRightParty: disposition.rightParty,
      isAutomatic: options.isAutomatic ?? false,
      notes: input.notes?.trim() || null,
      plan,
      at: now,
      callback,
      promise,
      addPersonDnc:
        disposition.action === 'do-not-call' ? { reason: `agent disposition ${disposition.id}` } : undefined,
      addPersonFlag: disposition.action === 'refused' ? 'refused' : undefined,
      markPhoneWrong: disposition.action === 'wrong-number',
    });
    if (!applied) throw new ConflictError(`attempt ${input.attemptId} already has a disposition`);
    const next = input.pauseAfter ? 'paused' : 'ready';
    await this.deps.agents.changeState(agentId, {
      to: next,
      now,
      reason: input.pauseAfter ? 'after-call' : null,
      onlyAttemptId: input.attemptId,
    });
    if (next === 'ready') await this.deps.bus.sendCommand({ type: 'agent-ready', agentId });
    return this.agent(agentId);
  }
}
