export type AgentState = 'offline' | 'paused' | 'ready' | 'reserved' | 'on-call' | 'wrap-up';

export interface AgentRecord {
  id: number;
  userId: number;
  displayName: string;
  room: string;
  endpoint: string;
  groups: string[];
  state: AgentState;
  stateSince: Date;
  pauseReason: string | null;
  currentAttemptId: string | null;
  currentCampaignId: string | null;
  isLegUp: boolean;
}

export interface AgentStateChange {
  to: AgentState;
  now: Date;
  reason?: string | null;
  attemptId?: string | null;
  campaignId?: string | null;
  /** Only change when the agent is currently in one of these states (optimistic guard). */
  onlyFrom?: AgentState[];
  /** Only change when the agent is still on this attempt. */
  onlyAttemptId?: string;
}

export interface AgentRepository {
  get(agentId: number): Promise<AgentRecord | null>;
  byUserId(userId: number): Promise<AgentRecord | null>;
  byRoom(room: string): Promise<AgentRecord | null>;
  list(): Promise<AgentRecord[]>;
  /** Changes the state and appends to agent_state_changes; returns false when a guard did not hold. */
  changeState(agentId: number, change: AgentStateChange): Promise<boolean>;
  setLegUp(agentId: number, isUp: boolean): Promise<void>;
  /**
   * Atomically picks the longest-ready agent of `group` with its leg up and reserves it for
   * `attemptId` (state "reserved"); null when none is free. Two dialers never get the same agent.
   */
  reserveFree(group: string, attemptId: string, campaignId: string, now: Date): Promise<AgentRecord | null>;
  countFree(group: string): Promise<number>;
  /** Reserves this agent if it is ready with its leg up (an agent-owned callback); null otherwise. */
  reserveAgent(
    agentId: number,
    attemptId: string,
    campaignId: string,
    now: Date,
  ): Promise<AgentRecord | null>;
}
