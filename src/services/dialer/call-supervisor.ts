/**
 * Follows every placed call through its PBX events: records each step in the append-only log,
 * routes a live answer to its reserved agent (or any free one) within the campaign's connect grace,
 * abandons it properly otherwise (the dialplan plays the campaign's message), and when the call
 * ends applies the retry rules or leaves the agent in wrap-up for the disposition.
 */
import { classifyCallEnd, type SystemOutcome } from '../../domain/calls/call-outcome.js';
import { planAfterSystemOutcome, type LeadPlan } from '../../domain/scheduling/retry-policy.js';
import type { TelephonyEvent } from '../../ports/telephony.js';
import type { PacingEvent, ResolvedOutcome } from '../../domain/pacing/pacing-policy.js';
import type { CallInFlight, DialerDeps, PacingSink } from './dialer-types.js';

/** How often a live answer with no free agent looks for one again during the connect grace. */
const GRACE_POLL_MS = 200;

/** The policy's view of how a call that never became a live answer resolved. */
function resolvedOutcomeOf(outcome: SystemOutcome): ResolvedOutcome {
  switch (outcome) {
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no-answer';
    case 'machine':
      return 'machine';
    default:
      return 'sit';
  }
}

export class CallSupervisor {
  /** Calls placed by this dialer and not yet ended, by attempt id. */
  readonly calls = new Map<string, CallInFlight>();

  constructor(
    private readonly deps: DialerDeps,
    private readonly pacing: PacingSink | null = null,
  ) {}

  private pacingEvent(call: CallInFlight, event: PacingEvent): void {
    this.pacing?.event(call.campaign.id, event);
  }

  stop(): void {
    for (const call of this.calls.values()) if (call.graceTimer) clearTimeout(call.graceTimer);
  }

  async handle(e: TelephonyEvent): Promise<void> {
    if (e.kind === 'link') {
      this.deps.logger[e.up ? 'info' : 'warn'](
        { reason: e.reason },
        e.up ? 'dialer.ami.up' : 'dialer.ami.down',
      );
      return;
    }
    if (e.kind === 'agent-leg-up' || e.kind === 'agent-leg-down') {
      const agent = await this.deps.agents.byRoom(e.room);
      if (!agent) return;
      const isUp = e.kind === 'agent-leg-up';
      await this.deps.agents.setLegUp(agent.id, isUp);
      await this.deps.bus.notifyAgent(agent.id, { type: 'leg', isUp });
      return;
    }
    const call = this.calls.get(e.attemptId);
    if (!call) return; // another dialer's call, or one already finished
    const at = e.at;
    switch (e.kind) {
      case 'ringing':
        if (call.phase === 'dialing') call.phase = 'ringing';
        await this.deps.attempts.recordEvent({ attemptId: call.attemptId, event: 'ringing', occurredAt: at });
        return;
      case 'answered':
        call.channel = e.channel;
        if (call.phase === 'dialing' || call.phase === 'ringing') call.phase = 'amd';
        await this.deps.attempts.recordEvent({
          attemptId: call.attemptId,
          event: 'answered',
          occurredAt: at,
        });
        return;
      case 'amd':
        await this.deps.attempts.recordEvent({
          attemptId: call.attemptId,
          event: 'amd',
          occurredAt: at,
          detail: { status: e.status, cause: e.cause },
        });
        return;
      case 'human-waiting':
        call.channel = e.channel;
        call.phase = 'waiting-for-agent';
        call.liveAt = at;
        this.pacingEvent(call, {
          kind: 'resolved',
          atSeconds: at.getTime() / 1000,
          outcome: 'human',
          secondsSinceDial: (at.getTime() - call.placedAt.getTime()) / 1000,
        });
        await this.deps.attempts.recordEvent({
          attemptId: call.attemptId,
          event: 'human-waiting',
          occurredAt: at,
        });
        await this.routeToAgent(call);
        return;
      case 'connected': {
        const agent = await this.deps.agents.byRoom(e.room);
        call.connectedAgentId = agent?.id ?? call.reservedAgentId;
        if (call.graceTimer) clearTimeout(call.graceTimer);
        call.phase = 'connected';
        call.connectedAt = at;
        this.pacingEvent(call, {
          kind: 'connected',
          atSeconds: at.getTime() / 1000,
          waitedSeconds: call.liveAt ? (at.getTime() - call.liveAt.getTime()) / 1000 : 0,
        });
        await this.deps.attempts.recordEvent({
          attemptId: call.attemptId,
          event: 'connected',
          occurredAt: at,
          agentId: call.connectedAgentId,
        });
        if (call.connectedAgentId !== null) {
          await this.deps.agents.changeState(call.connectedAgentId, {
            to: 'on-call',
            now: at,
            attemptId: call.attemptId,
            campaignId: call.campaign.id,
          });
          await this.deps.leads.update(call.lead.leadId, { state: 'in-call' });
          await this.deps.bus.notifyAgent(call.connectedAgentId, {
            type: 'call',
            attemptId: call.attemptId,
            leadId: call.lead.leadId,
            campaignId: call.campaign.id,
            phase: 'connected',
          });
        }
        return;
      }
      case 'dropped':
        this.pacingEvent(call, { kind: 'abandoned', atSeconds: at.getTime() / 1000 });
        await this.deps.attempts.recordEvent({
          attemptId: call.attemptId,
          event: 'abandoned',
          occurredAt: at,
        });
        return;
      case 'machine-message':
        await this.deps.attempts.recordEvent({
          attemptId: call.attemptId,
          event: 'machine-message',
          occurredAt: at,
        });
        return;
      case 'ended':
        await this.onEnded(
          call,
          classifyCallEnd(e.evidence),
          e.evidence as unknown as Record<string, unknown>,
          at,
        );
        return;
    }
  }

  /** A live person is waiting: connect the reserved agent, or any free one within the grace, or abandon. */
  private async routeToAgent(call: CallInFlight, pollsLeft?: number): Promise<void> {
    const def = call.campaign.definition;
    let agentId = call.reservedAgentId;
    if (agentId === null) {
      const agent = await this.deps.agents.reserveFree(
        def.agentGroup,
        call.attemptId,
        call.campaign.id,
        this.deps.clock.now(),
      );
      agentId = agent?.id ?? null;
      call.reservedAgentId = agentId;
    }
    if (agentId !== null) {
      const agent = await this.deps.agents.get(agentId);
      if (agent && agent.isLegUp && call.channel) {
        // Screen pop at the same moment as the Redirect, so the agent sees the lead as the voice arrives.
        await this.deps.bus.notifyAgent(agentId, {
          type: 'call',
          attemptId: call.attemptId,
          leadId: call.lead.leadId,
          campaignId: call.campaign.id,
          phase: 'incoming',
        });
        try {
          await this.deps.telephony.connect(call.attemptId, call.channel, agent.room);
          return;
        } catch (err) {
          this.deps.logger.warn({ err, attemptId: call.attemptId }, 'dialer.connect.failed');
        }
      }
    }
    if (call.reservedAgentId === null) {
      // Predictive: no agent was free at the answer; one may free up within the grace. Looked for
      // again every GRACE_POLL_MS (counted in polls, not clock readings), then the message plays.
      const polls = pollsLeft ?? Math.floor(def.pacing.connectGrace / GRACE_POLL_MS);
      if (polls <= 0) {
        call.graceTimer = setTimeout(() => void this.abandon(call), def.pacing.connectGrace % GRACE_POLL_MS);
        return;
      }
      call.graceTimer = setTimeout(() => {
        call.graceTimer = null;
        if (call.connectedAgentId !== null || call.isDropping) return;
        void this.routeToAgent(call, polls - 1);
      }, GRACE_POLL_MS);
      return;
    }
    call.graceTimer = setTimeout(() => void this.abandon(call), def.pacing.connectGrace);
  }

  private async abandon(call: CallInFlight): Promise<void> {
    if (call.connectedAgentId !== null || call.isDropping || !call.channel) return;
    call.isDropping = true;
    try {
      await this.deps.telephony.drop(call.attemptId, call.channel);
    } catch (err) {
      this.deps.logger.warn(
        { err, attemptId: call.attemptId },
        'dialer.drop.failed (the dialplan backstop drops it)',
      );
    }
  }

  private async onEnded(
    call: CallInFlight,
    outcome: SystemOutcome,
    evidence: Record<string, unknown>,
    at: Date,
  ): Promise<void> {
    this.calls.delete(call.attemptId);
    if (call.graceTimer) clearTimeout(call.graceTimer);
    // A call that never became a live answer resolves now; a live one resolved at human-waiting.
    if (call.liveAt === null)
      this.pacingEvent(call, {
        kind: 'resolved',
        atSeconds: at.getTime() / 1000,
        outcome: resolvedOutcomeOf(outcome),
        secondsSinceDial: (at.getTime() - call.placedAt.getTime()) / 1000,
      });
    if (call.connectedAgentId !== null && call.connectedAt !== null)
      this.pacing?.talk(
        call.campaign.id,
        call.connectedAgentId,
        (at.getTime() - call.connectedAt.getTime()) / 1000,
        at,
      );
    await this.deps.attempts.recordEvent({
      attemptId: call.attemptId,
      event: 'ended',
      occurredAt: at,
      outcome,
      agentId: call.connectedAgentId,
      detail: evidence,
    });
    const def = call.campaign.definition;
    if (outcome === 'connected' && call.connectedAgentId !== null) {
      // The agent now owes a disposition; the lead waits for it (state stays in-call).
      await this.deps.agents.changeState(call.connectedAgentId, {
        to: 'wrap-up',
        now: at,
        attemptId: call.attemptId,
        onlyAttemptId: call.attemptId,
      });
      await this.deps.leads.update(call.lead.leadId, {
        state: 'in-call',
        countedOutcome: 'connected',
        lastPhoneId: call.phoneId,
        lastAttemptAt: at,
      });
      await this.deps.bus.notifyAgent(call.connectedAgentId, {
        type: 'call',
        attemptId: call.attemptId,
        leadId: call.lead.leadId,
        campaignId: call.campaign.id,
        phase: 'ended',
      });
      return;
    }
    if (call.reservedAgentId !== null) await this.releaseAgent(call.reservedAgentId, call.attemptId);
    const effective: Exclude<SystemOutcome, 'connected'> =
      outcome === 'connected' ? 'answered-no-agent-hangup' : outcome;
    const plan = planAfterSystemOutcome(
      at,
      def,
      effective,
      call.lead.attempts + 1,
      (call.lead.outcomeCounts[effective] ?? 0) + 1,
    );
    await this.applyPlan(call, plan, effective);
  }

  async applyPlan(call: CallInFlight, plan: LeadPlan, countedOutcome: string | null): Promise<void> {
    const counted =
      countedOutcome && countedOutcome !== 'failed'
        ? { countedOutcome, lastAttemptAt: this.deps.clock.now(), lastPhoneId: call.phoneId }
        : {};
    switch (plan.kind) {
      case 'retry':
        await this.deps.leads.update(call.lead.leadId, {
          state: 'ready',
          nextAttemptAt: plan.nextAttemptAt,
          ...counted,
        });
        return;
      case 'close':
        await this.deps.leads.update(call.lead.leadId, {
          state: 'closed',
          closedReason: plan.reason,
          ...counted,
        });
        return;
      case 'phone-bad':
        await this.deps.leads.markPhone(call.phoneId, 'bad');
        await this.deps.leads.update(call.lead.leadId, {
          state: 'ready',
          nextAttemptAt: plan.nextAttemptAt,
          ...counted,
        });
        return;
    }
  }

  async releaseAgent(agentId: number, attemptId: string): Promise<void> {
    const changed = await this.deps.agents.changeState(agentId, {
      to: 'ready',
      now: this.deps.clock.now(),
      onlyFrom: ['reserved'],
      onlyAttemptId: attemptId,
    });
    if (changed) await this.deps.bus.notifyAgent(agentId, { type: 'state', state: 'ready', attemptId: null });
  }
}
