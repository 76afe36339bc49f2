/** Shapes shared by the dialer service and its call supervisor. */
import type { CampaignDefinition } from '../../domain/campaign/campaign-definition.js';
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
}

export interface DialerDeps {
  leads: LeadRepository;
  agents: AgentRepository;
  attempts: AttemptLog;
  telephony: Telephony;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
}
