import type {
  AgentLegRequest,
  OriginateRequest,
  Telephony,
  TelephonyEvent,
} from '../../src/ports/telephony.js';
import { TelephonyError } from '../../src/domain/errors.js';

/** Records what the dialer asked of the PBX; tests play the PBX's events with emit(). */
export class FakeTelephony implements Telephony {
  readonly originates: OriginateRequest[] = [];
  readonly connects: { attemptId: string; channel: string; room: string }[] = [];
  readonly drops: string[] = [];
  readonly hangups: string[] = [];
  readonly agentLegs: AgentLegRequest[] = [];
  isReady = true;
  failNextOriginate = false;
  private readonly listeners = new Set<(e: TelephonyEvent) => void>();

  async originate(request: OriginateRequest) {
    if (this.failNextOriginate) {
      this.failNextOriginate = false;
      throw new TelephonyError('AMI_REJECTED', 'Originate refused');
    }
    this.originates.push(request);
  }
  async connect(attemptId: string, channel: string, room: string) {
    this.connects.push({ attemptId, channel, room });
  }
  async drop(attemptId: string) {
    this.drops.push(attemptId);
  }
  async hangup(channel: string) {
    this.hangups.push(channel);
  }
  async originateAgentLeg(request: AgentLegRequest) {
    this.agentLegs.push(request);
  }
  async hangupAgentLeg() {}
  onEvent(listener: (e: TelephonyEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async close() {}
  /** Delivers an event and lets the dialer's async handlers run. */
  async emit(event: TelephonyEvent) {
    for (const l of this.listeners) l(event);
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
  }
}
