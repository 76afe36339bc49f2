/**
 * The predictive pacing loop of one campaign in the live dialer (issue #4): it turns the campaign's
 * agents (from the agent repository) and the calls this dialer has in flight (from the PBX events)
 * into the same PacingObservation the simulator gives the policy, feeds the policy the same events
 * (attempts resolved, live answers connected or abandoned, handle times), and asks it how many
 * calls to place. The policy is src/domain/pacing/predictive-policy.ts — exactly the code
 * pacebench measures.
 */
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import { predictivePolicy, type PredictivePacingPolicy } from '../../domain/pacing/predictive-policy.js';
import {
  clampDials,
  liveDropTarget,
  observationFrom,
  type AgentObservation,
  type CallPhase,
  type PacingAgentState,
  type PacingEvent,
  type PacingObservation,
} from '../../domain/pacing/pacing-policy.js';
import type { AgentRecord, AgentState } from '../../ports/agent-repository.js';

/** What the pacer needs to know of a call in flight. */
export interface PacedCall {
  placedAt: Date;
  phase: CallPhase | 'connected';
}

const PACING_STATE: Record<AgentState, PacingAgentState | null> = {
  offline: null,
  paused: 'paused',
  ready: 'idle',
  // Reserved for a live answer being routed to it, or for an agent-owned callback: not free.
  reserved: 'talk',
  'on-call': 'talk',
  'wrap-up': 'wrap',
};

export class CampaignPacer {
  readonly policy: PredictivePacingPolicy = predictivePolicy();
  /** Each agent's last seen state, and the length of its last talk, for handle-time events. */
  private readonly seen = new Map<number, { state: AgentState; since: number; talkSeconds: number | null }>();

  constructor(private readonly campaignId: string) {}

  /** Which of the repository's agents work this campaign and can take a call now or soon. */
  private agentsOf(def: CampaignDefinition, agents: readonly AgentRecord[]): AgentRecord[] {
    return agents.filter((a) => a.groups.includes(def.agentGroup) && a.isLegUp && a.state !== 'offline');
  }

  /** The observation at `now`, and handle-time events for agents that left wrap-up since last time. */
  observe(
    now: Date,
    def: CampaignDefinition,
    agents: readonly AgentRecord[],
    calls: readonly PacedCall[],
  ): PacingObservation {
    const nowSeconds = now.getTime() / 1000;
    const mine = this.agentsOf(def, agents);
    const observed: AgentObservation[] = [];
    for (const agent of mine) {
      const state = PACING_STATE[agent.state];
      if (state === null) continue;
      observed.push({
        state,
        secondsInState: Math.max(0, (now.getTime() - agent.stateSince.getTime()) / 1000),
      });
    }
    this.trackHandles(nowSeconds, agents);
    return observationFrom({
      nowSeconds,
      agents: observed,
      calls: calls
        .filter((c): c is PacedCall & { phase: CallPhase } => c.phase !== 'connected')
        .map((c) => ({
          phase: c.phase,
          elapsedSeconds: Math.max(0, (now.getTime() - c.placedAt.getTime()) / 1000),
        })),
      caps: { maxLinesPerAgent: def.dial.maxLinesPerAgent, trunkCap: def.dial.maxLines },
      target: {
        maxAbandonRate: liveDropTarget(
          def.pacing.maxAbandonRate,
          def.pacing.countAmdFalsePositives && def.amd.enabled,
          def.amd.falsePositiveEstimate ?? 0,
        ),
        windowSeconds: def.pacing.abandonWindow / 1000,
      },
    });
  }

  /** New calls to place now (the policy's answer through the shared caps guard). */
  decide(
    now: Date,
    def: CampaignDefinition,
    agents: readonly AgentRecord[],
    calls: readonly PacedCall[],
  ): number {
    const obs = this.observe(now, def, agents, calls);
    return clampDials(obs, this.policy.decide(obs));
  }

  event(e: PacingEvent): void {
    this.policy.observe(e);
  }

  /** The agent talked this long on the call that just ended; its wrap-up follows. */
  noteTalk(agentId: number, talkSeconds: number, now: Date): void {
    const entry = this.seen.get(agentId);
    if (entry) entry.talkSeconds = talkSeconds;
    else this.seen.set(agentId, { state: 'wrap-up', since: now.getTime() / 1000, talkSeconds });
  }

  private trackHandles(nowSeconds: number, agents: readonly AgentRecord[]): void {
    for (const agent of agents) {
      const previous = this.seen.get(agent.id);
      const since = agent.stateSince.getTime() / 1000;
      if (previous && previous.state === 'wrap-up' && agent.state !== 'wrap-up') {
        // Wrap-up ended when the agent's current state began.
        if (previous.talkSeconds !== null)
          this.policy.observe({
            kind: 'handled',
            atSeconds: nowSeconds,
            talkSeconds: previous.talkSeconds,
            wrapSeconds: Math.max(0, since - previous.since),
          });
      }
      this.seen.set(agent.id, {
        state: agent.state,
        since: agent.state === previous?.state ? previous.since : since,
        talkSeconds: agent.state === 'wrap-up' ? (previous?.talkSeconds ?? null) : null,
      });
    }
  }

  get id(): string {
    return this.campaignId;
  }
}
