/**
 * The dialer's view of the PBX. Implemented over AMI (adapters/ami) against a real Asterisk 22
 * or the simulated PBX (src/sim/pbx), which speaks the same protocol; tests may use a fake.
 * The dialplan contexts named here are in docs/asterisk/extensions.conf.
 */
import type { CallEvidence } from '../domain/calls/call-outcome.js';

export interface OriginateRequest {
  /** Our attempt id: becomes the channel's ChannelId (Uniqueid) and the ATTEMPTID variable. [A-Za-z0-9-] only. */
  attemptId: string;
  campaignId: string;
  leadId: string;
  /** Number to dial, E.164 with the leading "+". */
  destinationE164: string;
  callerIdNumber: string;
  /** Printable text, no quotes; the adapter trims it to 80 characters. */
  callerIdName: string;
  /** How long the far end may ring (Originate Timeout). TSR/Ofcom want at least 15 s. */
  ringTimeoutMs: number;
  /** Run AMD() on answer. */
  amd: boolean;
  /** Seconds the dialplan holds a live person before its own backstop drop (when the dialer is gone). */
  backstopDropSeconds: number;
  /** Sound file played on an abandoned call (dialer-drop). */
  abandonMessage: string;
  /** Record the call from the moment it is bridged to an agent. */
  record: boolean;
  /** Sound left on an answering machine after the AMD verdict (e.g. a Reg F limited-content message); null = hang up. */
  machineMessage: string | null;
}

export interface AgentLegRequest {
  agentId: string;
  /** The agent's ConfBridge room and dialplan exten, e.g. "agent1001". [A-Za-z0-9] only. */
  room: string;
  /** Dial string of the agent's phone, e.g. "PJSIP/agent1001". */
  endpoint: string;
}

export type TelephonyEvent =
  | { kind: 'ringing'; attemptId: string; at: Date }
  | { kind: 'answered'; attemptId: string; channel: string; at: Date }
  | { kind: 'amd'; attemptId: string; status: string; cause: string; at: Date }
  /** The dialplan holds a live person in dialer-outbound and waits for connect() or drop(). */
  | { kind: 'human-waiting'; attemptId: string; channel: string; at: Date }
  | { kind: 'connected'; attemptId: string; room: string; at: Date }
  | { kind: 'dropped'; attemptId: string; at: Date }
  /** The campaign's message was played to an answering machine (DialerMachineMessage). */
  | { kind: 'machine-message'; attemptId: string; at: Date }
  /** Last event of an attempt, with everything seen about it. */
  | { kind: 'ended'; attemptId: string; at: Date; evidence: CallEvidence }
  | { kind: 'agent-leg-up'; room: string; channel: string; at: Date }
  | { kind: 'agent-leg-down'; room: string; at: Date }
  /** The link to the PBX went down or came back (after a resync). */
  | { kind: 'link'; up: boolean; at: Date; reason?: string };

export interface Telephony {
  /** Resolves once Originate was accepted (queued) by the PBX; rejects with TelephonyError otherwise. Never replayed. */
  originate(request: OriginateRequest): Promise<void>;
  /** Moves the waiting customer into the agent's room (Redirect to dialer-connect). */
  connect(attemptId: string, channel: string, room: string): Promise<void>;
  /** Plays the abandon message and hangs up (Redirect to dialer-drop). */
  drop(attemptId: string, channel: string): Promise<void>;
  /** Hangs up the customer's channel (agent pressed "hang up"). */
  hangup(channel: string): Promise<void>;
  /** Calls the agent's phone into their room (nailed-up agent leg). */
  originateAgentLeg(request: AgentLegRequest): Promise<void>;
  /** Hangs up the agent's leg (logout). */
  hangupAgentLeg(room: string): Promise<void>;
  onEvent(listener: (event: TelephonyEvent) => void): () => void;
  readonly isReady: boolean;
  close(): Promise<void>;
}
