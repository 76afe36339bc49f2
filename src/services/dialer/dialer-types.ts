/** Shapes shared by the dialer service and its call supervisor. */
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
import type { PacingEvent } from '../../domain/pacing/pacing-policy.js';
import type { AgentRepository } from '../../ports/agent-repository.js';
import type { AttemptLog } from '../../ports/attempt-log.js';
import type { Clock } from '../../ports/clock.js';
import type { EventBus } from '../../ports/event-bus.js';
import type { ClaimedLead, LeadRepository } from '../../ports/lead-repository.js';
import type { Logger } from '../../ports/logger.js';
import type { Telephony } from '../../ports/telephony.js';

export interface RunningCampaign {
  id: string;
  definition: CampaignDefinition;
}

/** A placed call this dialer follows until its end. */
export interface CallInFlight {
  attemptId: string;
  campaign: RunningCampaign;
  lead: ClaimedLead;
  phoneId: number;
  reservedAgentId: number | null;
  connectedAgentId: number | null;
  channel: string | null;
  graceTimer: NodeJS.Timeout | null;
  isDropping: boolean;
  /** When the Originate was sent, and where the call is now (for predictive pacing). */
  placedAt: Date;
  phase: 'dialing' | 'ringing' | 'amd' | 'waiting-for-agent' | 'connected';
  /** When a live person was declared (human-waiting) and when an agent was connected. */
  liveAt: Date | null;
  connectedAt: Date | null;
}

/** Where the live dialer's pacing loops hear of what happens to their campaign's calls. */
export interface PacingSink {
  event(campaignId: string, event: PacingEvent): void;
  talk(campaignId: string, agentId: number, talkSeconds: number, now: Date): void;
}

export interface DialerDeps {
  leads: LeadRepository;
  agents: AgentRepository;
  attempts: AttemptLog;
  telephony: Telephony;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /**
   * Live answers and drops of a campaign since an instant (the compliance window), read once when a
   * predictive campaign starts so a restart keeps its abandonment budget. Absent in unit tests.
   */
  abandonmentSince?: (campaignId: string, since: Date) => Promise<{ live: number; drops: number }>;
}
