/**
 * The dialer worker's use case: for every running campaign, place calls as pacing allows, decide each
 * lead at dial time, originate through the Telephony port, follow each call's events, route a live
 * answer to an agent within the connect grace or abandon it properly, and schedule the next attempt.
 * Only this process owns the PBX link; agents' browsers reach it through the EventBus.
 */
import { randomUUID } from 'node:crypto';
import type { DialDecision } from '../../domain/compliance/dial-decision.js';
import { evaluateLead } from './evaluate-lead.js';
import { progressiveDialsToPlace } from '../../domain/pacing/progressive.js';
import { planAfterSystemOutcome } from '../../domain/scheduling/retry-policy.js';
import type { ClaimedLead, DeferredLead } from '../../ports/lead-repository.js';
import { CallSupervisor } from './call-supervisor.js';
import { CampaignPacer } from './campaign-pacer.js';
import type { CallInFlight, DialerDeps, RunningCampaign } from './dialer-types.js';

export type { DialerDeps, RunningCampaign } from './dialer-types.js';

/**
 * One person, one call at a time across every dialer and campaign: the reservation taken with the
 * lead (LeadRepository.claimDue) keeps frequency counters from racing (issue #3, item 4).
 */
const PERSON_RESERVATION_RULE = 'DIALER-ONE-CALL-PER-PERSON';
/** Leads skipped in one tick before the tick yields (a wall of uncallable leads must not stall dialing). */
const MAX_SKIPS_PER_TICK = 200;
/** Backstop in the dialplan: how long it holds a live person if this process is gone (docs/asterisk). */
const BACKSTOP_DROP_SECONDS = 4;
/** An agent-owned callback whose agent is busy or away is looked at again after this. */
const OWNER_BUSY_RETRY_MS = 5 * 60_000;

interface Approved {
  decision: Extract<DialDecision, { allowed: true }>;
  /** The rule set's counters at the decision, for the record. */
  ruleSet: { id: string; counters: Record<string, unknown> };
  base: {
    id: string;
    campaignId: string;
    leadId: number;
    personId: number;
    debtId: number;
    dialMode: string;
    callerId: string;
    decidedAt: Date;
  };
}

interface Preview {
  attemptId: string;
  campaign: RunningCampaign;
  lead: ClaimedLead;
  agentId: number;
  timer: NodeJS.Timeout | null;
}

export class DialerService {
  private readonly supervisor: CallSupervisor;
  private readonly campaigns = new Map<string, RunningCampaign>();
  private readonly previews = new Map<string, Preview>();
  private readonly ticking = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private isDraining = false;

  /** Predictive campaigns' pacing loops (policy state survives campaign reloads). */
  private readonly pacers = new Map<string, CampaignPacer>();

  constructor(private readonly deps: DialerDeps) {
    this.supervisor = new CallSupervisor(deps, {
      event: (campaignId, event) => this.pacers.get(campaignId)?.event(event),
      talk: (campaignId, agentId, seconds, now) =>
        this.pacers.get(campaignId)?.noteTalk(agentId, seconds, now),
    });
  }

  private get calls(): Map<string, CallInFlight> {
    return this.supervisor.calls;
  }

  start(): void {
    this.unsubscribe = this.deps.telephony.onEvent((e) => {
      void this.supervisor
        .handle(e)
        .catch((err: unknown) => this.deps.logger.error({ err, event: e.kind }, 'dialer.event.failed'));
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.supervisor.stop();
    for (const preview of this.previews.values()) if (preview.timer) clearTimeout(preview.timer);
  }

  setCampaigns(campaigns: RunningCampaign[]): void {
    this.campaigns.clear();
    for (const c of campaigns) {
      this.campaigns.set(c.id, c);
      if (c.definition.dial.mode === 'predictive' && !this.pacers.has(c.id)) {
        const pacer = new CampaignPacer(c.id);
        this.pacers.set(c.id, pacer);
        void this.restoreAbandonmentWindow(c, pacer);
      }
    }
  }

  /** The compliance window's live answers and drops so far, from the attempt log (survives restarts). */
  private async restoreAbandonmentWindow(c: RunningCampaign, pacer: CampaignPacer): Promise<void> {
    if (!this.deps.abandonmentSince) return;
    const now = this.deps.clock.now();
    try {
      const counts = await this.deps.abandonmentSince(
        c.id,
        new Date(now.getTime() - c.definition.pacing.abandonWindow),
      );
      pacer.policy.restoreWindow({ ...counts, nowSeconds: now.getTime() / 1000 });
      this.deps.logger.info({ campaignId: c.id, ...counts }, 'dialer.pacing.window-restored');
    } catch (err) {
      this.deps.logger.warn({ err, campaignId: c.id }, 'dialer.pacing.window-restore-failed');
    }
  }

  /** The agent pressed "hang up": end the customer's channel (the ended event does the rest). */
  async hangupCall(attemptId: string): Promise<void> {
    const call = this.calls.get(attemptId);
    if (call?.channel) await this.deps.telephony.hangup(call.channel);
  }

  /**
   * Stops placing calls and ends the calls in progress (a clean shutdown): answered calls are hung up,
   * calls still ringing are hung up once they have a channel. Resolves when every call has ended, or
   * after `timeoutMs`, with the number of calls still open.
   */
  async drain(timeoutMs: number, pollMs = 100): Promise<number> {
    this.isDraining = true;
    const deadline = this.deps.clock.now().getTime() + timeoutMs;
    const hungUp = new Set<string>();
    while (this.calls.size > 0 && this.deps.clock.now().getTime() < deadline) {
      for (const call of this.calls.values()) {
        if (call.channel && !hungUp.has(call.attemptId)) {
          hungUp.add(call.attemptId);
          await this.deps.telephony.hangup(call.channel).catch(() => hungUp.delete(call.attemptId));
        }
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return this.calls.size;
  }

  get callsInProgress(): number {
    return this.calls.size;
  }

  /** One pacing step for every running campaign. */
  async tick(): Promise<void> {
    await Promise.all([...this.campaigns.values()].map((c) => this.tickCampaign(c)));
  }

  async tickCampaign(campaign: RunningCampaign): Promise<void> {
    if (this.isDraining || this.ticking.has(campaign.id) || !this.deps.telephony.isReady) return;
    this.ticking.add(campaign.id);
    try {
      const def = campaign.definition;
      const pacer = this.pacers.get(campaign.id);
      let dials: number;
      if (def.dial.mode === 'predictive' && pacer) {
        const calls = [...this.calls.values()].filter((c) => c.campaign.id === campaign.id);
        dials = pacer.decide(this.deps.clock.now(), def, await this.deps.agents.list(), calls);
      } else {
        const inProgress =
          [...this.calls.values()].filter((c) => c.campaign.id === campaign.id).length +
          [...this.previews.values()].filter((p) => p.campaign.id === campaign.id).length;
        const freeAgents = await this.deps.agents.countFree(def.agentGroup);
        dials = progressiveDialsToPlace({
          freeAgents,
          callsInProgress: inProgress,
          maxLines: def.dial.maxLines,
        });
      }
      let skips = 0;
      // A pause (or a reload) during the tick stops it before the next claim, not after the tick.
      const isStillRunning = () => this.campaigns.get(campaign.id) === campaign && !this.isDraining;
      while (dials > 0 && skips < MAX_SKIPS_PER_TICK && this.deps.telephony.isReady && isStillRunning()) {
        const claim = await this.deps.leads.claimDue(campaign.id, this.deps.clock.now(), 1);
        for (const deferred of claim.deferred) await this.recordPersonBusy(campaign, deferred);
        skips += claim.deferred.length;
        const [lead] = claim.leads;
        if (!lead) {
          if (claim.deferred.length > 0) continue;
          break;
        }
        const placed = await this.decideAndPlace(campaign, lead);
        if (placed === 'placed') dials -= 1;
        else if (placed === 'skipped') skips += 1;
        else break; // no agent left or the PBX refused: stop this tick
      }
    } finally {
      this.ticking.delete(campaign.id);
    }
  }

  /** A due lead whose person another lead holds (a call, preview or wrap-up elsewhere): on record. */
  private async recordPersonBusy(campaign: RunningCampaign, deferred: DeferredLead): Promise<void> {
    await this.deps.attempts.recordDecision({
      id: randomUUID(),
      campaignId: campaign.id,
      leadId: deferred.leadId,
      personId: deferred.personId,
      debtId: deferred.debtId,
      dialMode: campaign.definition.dial.mode,
      callerId: campaign.definition.callerId.number,
      decidedAt: this.deps.clock.now(),
      phoneId: null,
      phoneE164: null,
      decision: 'skip',
      reasonCodes: [`${PERSON_RESERVATION_RULE}:person-in-contact`],
      detail: { ruleIds: [PERSON_RESERVATION_RULE], retryAt: deferred.retryAt },
      reservedAgentId: null,
    });
  }

  /**
   * The dial-time decision for a lead this dialer holds. A denial is written to the attempt log as a
   * "skip" with its reasons and the lead is rescheduled (or closed); an approval is returned.
   */
  private async decide(
    campaign: RunningCampaign,
    lead: ClaimedLead,
    attemptId: string,
  ): Promise<Approved | null> {
    const def = campaign.definition;
    const now = this.deps.clock.now();
    const base = {
      id: attemptId,
      campaignId: campaign.id,
      leadId: lead.leadId,
      personId: lead.personId,
      debtId: lead.debtId,
      dialMode: def.dial.mode,
      callerId: def.callerId.number,
      decidedAt: now,
    };
    const verdict = evaluateLead(def, lead, now);
    if (verdict.allowed) return { decision: verdict.decision, base, ruleSet: verdict.ruleSet };
    await this.deps.attempts.recordDecision({
      ...base,
      phoneId: verdict.phone?.id ?? null,
      phoneE164: verdict.phone?.e164 ?? null,
      decision: 'skip',
      reasonCodes: verdict.reasonCodes,
      detail: verdict.detail,
      reservedAgentId: null,
    });
    await this.deps.leads.update(
      lead.leadId,
      verdict.retryAt
        ? { state: 'ready', nextAttemptAt: verdict.retryAt }
        : {
            state: 'closed',
            closedReason:
              verdict.stage === 'rule-set'
                ? verdict.reasons.map((r) => r.code).join(',')
                : verdict.reasonCodes.join(','),
          },
    );
    return null;
  }

  private async decideAndPlace(
    campaign: RunningCampaign,
    lead: ClaimedLead,
  ): Promise<'placed' | 'skipped' | 'stop'> {
    const def = campaign.definition;
    const attemptId = randomUUID();
    const approved = await this.decide(campaign, lead, attemptId);
    if (!approved) return 'skipped';
    // Predictive: the call is placed with no agent reserved; the pacing policy has bet that one will
    // be free when a person answers, and the supervisor finds it (or abandons within the grace).
    if (def.dial.mode === 'predictive' && lead.ownerAgentId === null)
      return this.placeCall(campaign, lead, approved, null);
    // The agent is reserved before the call is placed (progressive) or the lead shown (preview),
    // so a live answer always has one.
    const now = this.deps.clock.now();
    const agent =
      lead.ownerAgentId === null
        ? await this.deps.agents.reserveFree(def.agentGroup, attemptId, campaign.id, now)
        : await this.deps.agents.reserveAgent(lead.ownerAgentId, attemptId, campaign.id, now);
    if (!agent && lead.ownerAgentId !== null) {
      // An agent-owned callback waits for its agent (VICIdial USERONLY); the wait is on record too.
      const retryAt = new Date(now.getTime() + OWNER_BUSY_RETRY_MS);
      await this.deps.attempts.recordDecision({
        ...approved.base,
        phoneId: null,
        phoneE164: null,
        decision: 'skip',
        reasonCodes: ['owner-agent-unavailable'],
        detail: { ownerAgentId: lead.ownerAgentId, retryAt },
        reservedAgentId: null,
      });
      await this.deps.leads.update(lead.leadId, { state: 'ready', nextAttemptAt: retryAt });
      return 'skipped';
    }
    if (!agent) {
      await this.deps.leads.update(lead.leadId, { state: 'ready' });
      return 'stop';
    }
    if (def.dial.mode === 'preview') {
      await this.offerPreview(campaign, lead, approved, agent.id);
      return 'placed';
    }
    return this.placeCall(campaign, lead, approved, agent.id);
  }

  private async placeCall(
    campaign: RunningCampaign,
    lead: ClaimedLead,
    approved: Approved,
    agentId: number | null,
  ): Promise<'placed' | 'stop'> {
    const def = campaign.definition;
    const { decision, base } = approved;
    const attemptId = base.id;
    await this.recordApproved(approved, 'dial', agentId);
    const call: CallInFlight = {
      attemptId,
      campaign,
      lead,
      phoneId: decision.phone.id,
      reservedAgentId: agentId,
      connectedAgentId: null,
      channel: null,
      graceTimer: null,
      isDropping: false,
      placedAt: this.deps.clock.now(),
      phase: 'dialing',
      liveAt: null,
      connectedAt: null,
    };
    this.calls.set(attemptId, call);
    if (agentId !== null)
      await this.deps.bus.notifyAgent(agentId, { type: 'state', state: 'reserved', attemptId });
    try {
      await this.deps.telephony.originate({
        attemptId,
        campaignId: campaign.id,
        leadId: String(lead.leadId),
        destinationE164: decision.phone.e164,
        callerIdNumber: def.callerId.number,
        callerIdName: def.callerId.name,
        ringTimeoutMs: def.dial.ringTimeout,
        amd: def.amd.enabled,
        backstopDropSeconds: BACKSTOP_DROP_SECONDS,
        abandonMessage: def.abandonMessage.sound,
        record: def.recording.enabled,
        machineMessage:
          def.amd.enabled && def.amd.onMachine === 'message' ? (def.amd.machineMessage ?? null) : null,
      });
      await this.deps.attempts.recordEvent({
        attemptId,
        event: 'originated',
        occurredAt: this.deps.clock.now(),
      });
      return 'placed';
    } catch (err) {
      // Never retried here: a stale Originate could ring someone after the window closed.
      this.calls.delete(attemptId);
      this.deps.logger.warn({ err, attemptId, campaignId: campaign.id }, 'dialer.originate.failed');
      await this.deps.attempts.recordEvent({
        attemptId,
        event: 'originate-failed',
        occurredAt: this.deps.clock.now(),
        detail: { error: err instanceof Error ? err.message : String(err) },
      });
      if (agentId !== null) await this.supervisor.releaseAgent(agentId, attemptId);
      await this.supervisor.applyPlan(
        call,
        planAfterSystemOutcome(this.deps.clock.now(), def, 'failed', lead.attempts, 0),
        null,
      );
      return 'stop';
    }
  }

  /** The approved decision on record: the call placed (dial) or the lead shown to its agent (preview). */
  private async recordApproved(
    { decision, base, ruleSet }: Approved,
    kind: 'dial' | 'preview',
    agentId: number | null,
  ) {
    await this.deps.attempts.recordDecision({
      ...base,
      phoneId: decision.phone.id,
      phoneE164: decision.phone.e164,
      decision: kind,
      reasonCodes: [],
      detail: {
        ruleSet: ruleSet.id,
        ruleIds: decision.ruleIds,
        counters: ruleSet.counters,
        zones: decision.zones,
        localTimes: decision.localTimes,
      },
      reservedAgentId: agentId,
    });
  }

  // ------------------------------------------------------------------ preview mode

  /** Shows an approved lead to its reserved agent, who calls it or skips it within previewTimeout. */
  private async offerPreview(
    campaign: RunningCampaign,
    lead: ClaimedLead,
    approved: Approved,
    agentId: number,
  ) {
    await this.recordApproved(approved, 'preview', agentId);
    const { base } = approved;
    const preview: Preview = { attemptId: base.id, campaign, lead, agentId, timer: null };
    preview.timer = setTimeout(
      () => void this.expirePreview(preview),
      campaign.definition.dial.previewTimeout,
    );
    this.previews.set(base.id, preview);
    await this.deps.bus.notifyAgent(agentId, {
      type: 'call',
      attemptId: base.id,
      leadId: lead.leadId,
      campaignId: campaign.id,
      phase: 'preview',
    });
  }

  /**
   * The agent's answer to a preview. "call" decides again at this instant (the window may have closed,
   * a DNC may have arrived meanwhile) and then places the call as a new attempt; "skip" returns the lead.
   */
  async previewAction(agentId: number, attemptId: string, action: 'call' | 'skip'): Promise<void> {
    const preview = this.previews.get(attemptId);
    if (!preview || preview.agentId !== agentId) return;
    this.previews.delete(attemptId);
    if (preview.timer) clearTimeout(preview.timer);
    const now = this.deps.clock.now();
    if (action === 'skip') {
      await this.deps.attempts.recordEvent({ attemptId, event: 'preview-skipped', occurredAt: now, agentId });
      await this.deps.leads.update(preview.lead.leadId, {
        state: 'ready',
        nextAttemptAt: new Date(now.getTime() + preview.campaign.definition.retry.defaultDelay),
      });
      await this.supervisor.releaseAgent(agentId, attemptId);
      return;
    }
    const lead = (await this.deps.leads.reload(preview.lead.leadId, now)) ?? preview.lead;
    const dialId = randomUUID();
    const approved = await this.decide(preview.campaign, lead, dialId);
    const moved =
      approved !== null &&
      (await this.deps.agents.changeState(agentId, {
        to: 'reserved',
        now,
        attemptId: dialId,
        campaignId: preview.campaign.id,
        onlyAttemptId: attemptId,
      }));
    if (!approved || !moved) {
      if (approved) await this.deps.leads.update(lead.leadId, { state: 'ready' });
      await this.supervisor.releaseAgent(agentId, attemptId);
      return;
    }
    await this.placeCall(preview.campaign, lead, approved, agentId);
  }

  private async expirePreview(preview: Preview): Promise<void> {
    if (this.previews.get(preview.attemptId) !== preview) return;
    this.previews.delete(preview.attemptId);
    const now = this.deps.clock.now();
    await this.deps.attempts.recordEvent({
      attemptId: preview.attemptId,
      event: 'preview-expired',
      occurredAt: now,
      agentId: preview.agentId,
    });
    // Someone else may take the lead at once; the agent is evidently away from the desk.
    await this.deps.leads.update(preview.lead.leadId, { state: 'ready', nextAttemptAt: now });
    const paused = await this.deps.agents.changeState(preview.agentId, {
      to: 'paused',
      now,
      reason: 'preview-timeout',
      onlyAttemptId: preview.attemptId,
    });
    if (paused)
      await this.deps.bus.notifyAgent(preview.agentId, { type: 'state', state: 'paused', attemptId: null });
  }
}
