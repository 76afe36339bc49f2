/**
 * Messages between the web process (agents' browsers) and the dialer worker (owner of the AMI link).
 * Over Redis pub/sub in production; in memory in unit tests.
 */
export type DialerCommand =
  | { type: 'agent-leg'; agentId: number; up: boolean }
  | { type: 'hangup'; agentId: number; attemptId: string }
  | { type: 'agent-ready'; agentId: number }
  /** Preview mode: the agent calls the lead on screen, or skips it. */
  | { type: 'preview'; agentId: number; attemptId: string; action: 'call' | 'skip' }
  /** A manager started, paused or stopped a campaign: the worker reloads which campaigns it dials. */
  | { type: 'campaigns-changed' };

export type AgentNotice =
  | { type: 'state'; state: string; attemptId: string | null }
  | {
      type: 'call';
      attemptId: string;
      leadId: number;
      campaignId: string;
      phase: 'preview' | 'incoming' | 'connected' | 'ended';
    }
  | { type: 'leg'; isUp: boolean };

export interface EventBus {
  sendCommand(command: DialerCommand): Promise<void>;
  onCommand(handler: (command: DialerCommand) => void): Promise<() => Promise<void>>;
  notifyAgent(agentId: number, notice: AgentNotice): Promise<void>;
  onAgentNotice(handler: (agentId: number, notice: AgentNotice) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
