/**
 * A nailed-up agent leg (research §3, model A): Originate Channel=<phone> Context=agent-login
 * Exten=<room>. The simulated phone auto-answers; the leg sits in its ConfBridge room until hung
 * up. Events follow the lab trace of [agent-login] on Asterisk 22.10.1: OriginateResponse Success,
 * UserEvent AgentLegUp, ConfbridgeJoin; on hangup ConfbridgeLeave, UserEvent AgentLegDown (from the
 * "h" extension), Hangup.
 */
import type { AmiFields } from './ami-codec.js';
import {
  CHANNEL_STATE,
  causeText,
  SimChannel,
  type ChannelOwner,
  type PbxCore,
  type RoomMember,
} from './sim-channel.js';

export interface AgentLegRequest {
  readonly actionId: string | undefined;
  readonly channelId: string;
  readonly otherChannelId: string;
  /** The Channel header, e.g. "PJSIP/agent1001" or "Local/agent1001@lab-agent-phone/n". */
  readonly endpoint: string;
  readonly room: string;
  readonly variables: ReadonlyMap<string, string>;
}

const LOCAL_ENDPOINT = /^Local\/([^@/]+)@([^/]+)(?:\/n)?$/;

export class AgentLeg implements ChannelOwner, RoomMember {
  readonly isAgent = true;
  readonly owner: ChannelOwner = this;
  private readonly leg: SimChannel;
  private readonly phoneSide: SimChannel | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stage: 'dialing' | 'up' | 'ended' = 'dialing';

  constructor(
    private readonly core: PbxCore,
    private readonly request: AgentLegRequest,
  ) {
    const suffix = core.channelSuffix();
    const local = LOCAL_ENDPOINT.exec(request.endpoint);
    if (local) {
      const [, exten = '', context = ''] = local;
      const base = `Local/${exten}@${context}-${suffix}`;
      this.leg = new SimChannel(`${base};1`, request.channelId, request.channelId, this, {
        state: CHANNEL_STATE.down,
        context,
        exten,
      });
      this.phoneSide = new SimChannel(`${base};2`, request.otherChannelId, request.channelId, this, {
        state: CHANNEL_STATE.ring,
        context,
        exten,
      });
    } else {
      const name = `${request.endpoint.replace(/@.*$/, '')}-${suffix}`;
      this.leg = new SimChannel(name, request.channelId, request.channelId, this, {
        state: CHANNEL_STATE.down,
        context: 'from-agents',
        exten: 's',
      });
      this.phoneSide = undefined;
    }
  }

  start(): void {
    const channels = this.channels();
    for (const channel of channels) {
      this.core.addChannel(channel);
      this.emitChannel('Newchannel', channel);
      for (const [name, value] of this.request.variables) channel.vars.set(name, value);
      channel.varsVisible = true;
    }
    this.emit('DialBegin', [
      ...this.leg.snapshot(this.core.channelVars, 'Dest'),
      ['DialString', this.request.endpoint.replace(/^[^/]+\//, '')],
    ]);
    this.after(this.core.model.agentAnswerMs, () => this.answer());
  }

  redirect(): string | undefined {
    return 'Agent legs are not redirected by the dialer';
  }

  hangupByDialer(): void {
    if (this.stage === 'ended') return;
    if (this.stage === 'dialing') {
      this.originateResponse(false, 1);
      for (const channel of this.channels()) this.emitHangup(channel, 16);
      this.finish();
      return;
    }
    const room = this.request.room;
    this.emitChannel('ConfbridgeLeave', this.leg, [
      ['Conference', room],
      ['Admin', 'No'],
    ]);
    this.core.leaveRoom(room, this);
    this.emitUser('AgentLegDown');
    this.emitHangup(this.leg, 16);
    if (this.phoneSide) this.emitHangup(this.phoneSide, 16);
    this.finish();
  }

  kickFromRoom(): void {
    // Agents join as the marked user; nobody kicks them.
  }

  private answer(): void {
    if (this.stage !== 'dialing') return;
    this.stage = 'up';
    this.core.counters.agentLegs += 1;
    for (const channel of [this.phoneSide, this.leg]) {
      if (!channel) continue;
      channel.state = CHANNEL_STATE.up;
      this.emitChannel('Newstate', channel);
    }
    this.emit('DialEnd', [...this.leg.snapshot(this.core.channelVars, 'Dest'), ['DialStatus', 'ANSWER']]);
    this.originateResponse(true, 4);
    const room = this.request.room;
    this.leg.moveTo('agent-login', room, 'ConfBridge', `${room},agent_room,agent_user`);
    this.emitUser('AgentLegUp');
    this.emitChannel('ConfbridgeJoin', this.leg, [
      ['Conference', room],
      ['Admin', 'No'],
    ]);
    this.core.joinRoom(room, this);
  }

  private originateResponse(success: boolean, reason: number): void {
    const fields: AmiFields = [];
    if (this.request.actionId !== undefined) fields.push(['ActionID', this.request.actionId]);
    fields.push(
      ['Response', success ? 'Success' : 'Failure'],
      ['Channel', success ? this.leg.name : this.request.endpoint],
      ['Context', 'agent-login'],
      ['Exten', this.request.room],
      ['Reason', String(reason)],
      ['Uniqueid', this.request.channelId],
      ['CallerIDNum', '<unknown>'],
      ['CallerIDName', '<unknown>'],
    );
    this.emit('OriginateResponse', fields);
  }

  private finish(): void {
    this.stage = 'ended';
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const channel of this.channels()) this.core.removeChannel(channel);
  }

  private channels(): SimChannel[] {
    return this.phoneSide ? [this.leg, this.phoneSide] : [this.leg];
  }

  private after(modelMs: number, fn: () => void): void {
    const timer = this.core.schedule(modelMs, () => {
      this.timers.delete(timer);
      fn();
    });
    this.timers.add(timer);
  }

  private emit(event: string, fields: AmiFields, privilege = 'call,all'): void {
    this.core.emitEvent(event, privilege, fields);
  }

  private emitChannel(event: string, channel: SimChannel, extra: AmiFields = []): void {
    this.emit(event, [...channel.snapshot(this.core.channelVars), ...extra]);
  }

  private emitUser(name: string): void {
    this.emit(
      'UserEvent',
      [...this.leg.snapshot(this.core.channelVars), ['UserEvent', name], ['Room', this.request.room]],
      'user,all',
    );
  }

  private emitHangup(channel: SimChannel, cause: number): void {
    this.emit('Hangup', [
      ...channel.snapshot(this.core.channelVars),
      ['Cause', String(cause)],
      ['Cause-txt', causeText(cause)],
    ]);
    this.core.removeChannel(channel);
  }
}
