/**
 * A nailed-up agent leg (research §3, model A): Originate Channel=<phone> Context=agent-login
 * Exten=<room>. The simulated phone auto-answers; the leg sits in its ConfBridge room until hung
 * up. Events follow the lab trace of [agent-login] on Asterisk 22.10.1: OriginateResponse Success,
 * UserEvent AgentLegUp, ConfbridgeJoin; on hangup ConfbridgeLeave, UserEvent AgentLegDown (from the
 * "h" extension), Hangup.
 */
import { SimCallBase } from './sim-call-base.js';
import {
  CHANNEL_STATE,
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

export class AgentLeg extends SimCallBase implements ChannelOwner, RoomMember {
  readonly isAgent = true;
  readonly owner: ChannelOwner = this;
  private readonly leg: SimChannel;
  private readonly phoneSide: SimChannel | undefined;
  private stage: 'dialing' | 'up' | 'ended' = 'dialing';

  constructor(
    core: PbxCore,
    private readonly request: AgentLegRequest,
  ) {
    super(core);
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
    this.emitLegUser('AgentLegDown');
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
    this.emitLegUser('AgentLegUp');
    this.emitChannel('ConfbridgeJoin', this.leg, [
      ['Conference', room],
      ['Admin', 'No'],
    ]);
    this.core.joinRoom(room, this);
  }

  private originateResponse(success: boolean, reason: number): void {
    this.emitOriginateResponse({
      actionId: this.request.actionId,
      success,
      channel: success ? this.leg.name : this.request.endpoint,
      context: 'agent-login',
      exten: this.request.room,
      reason,
      uniqueid: this.request.channelId,
      callerIdNum: '<unknown>',
      callerIdName: '<unknown>',
    });
  }

  private finish(): void {
    this.stage = 'ended';
    this.cancelAll();
    for (const channel of this.channels()) this.core.removeChannel(channel);
  }

  private channels(): SimChannel[] {
    return this.phoneSide ? [this.leg, this.phoneSide] : [this.leg];
  }

  private emitLegUser(name: string): void {
    this.emitUser(this.leg, name, [['Room', this.request.room]]);
  }
}
