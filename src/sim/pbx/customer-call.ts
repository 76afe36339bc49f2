/**
 * One customer attempt played out as Asterisk 22 does running docs/asterisk/extensions.conf with a
 * PJSIP trunk (production globals): Originate of Local/<digits>@dialer-dial/n gives the primary ;1
 * (Uniqueid = ChannelId), the ;2 half running [dialer-dial] (Uniqueid = OtherChannelId) and the
 * trunk channel it Dials. Event order and values follow the lab traces (Asterisk 22.10.1), with the
 * far end's cause and SIP code as chan_pjsip reports them (research §2.4): busy 17/486, invalid
 * 1/404, congestion 34/503, rejected 21/603.
 */
import type { AmiFields } from './ami-codec.js';
import type { CallPlan } from './sim-model.js';
import { SimCallBase } from './sim-call-base.js';
import {
  CHANNEL_STATE,
  SimChannel,
  type ChannelOwner,
  type PbxCore,
  type RoomMember,
} from './sim-channel.js';

export interface CustomerCallRequest {
  readonly actionId: string | undefined;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly number: string;
  /** The Channel header as sent; OriginateResponse repeats it when the call failed. */
  readonly requestedChannel: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  /** Originate Timeout, model ms. */
  readonly timeoutMs: number;
  /** Originate variables without their _/__ prefix; `inherited` are those that had one. */
  readonly variables: ReadonlyMap<string, string>;
  readonly inherited: ReadonlySet<string>;
}

interface FarEndFailure {
  dialEndStatus: string;
  dialplanStatus: string;
  cause: number;
  sip: string;
  reason: number;
}

/** app_dial's DIALSTATUS and DialEnd for each PJSIP failure (lab traces; handle_cause in app_dial.c). */
const FAILURES: Record<'busy' | 'invalid' | 'congestion' | 'rejected', FarEndFailure> = {
  busy: { dialEndStatus: 'BUSY', dialplanStatus: 'BUSY', cause: 17, sip: '486 Busy Here', reason: 5 },
  invalid: {
    dialEndStatus: 'NOANSWER',
    dialplanStatus: 'CHANUNAVAIL',
    cause: 1,
    sip: '404 Not Found',
    reason: 8,
  },
  congestion: {
    dialEndStatus: 'CONGESTION',
    dialplanStatus: 'CONGESTION',
    cause: 34,
    sip: '503 Service Unavailable',
    reason: 8,
  },
  rejected: {
    dialEndStatus: 'NOANSWER',
    dialplanStatus: 'CHANUNAVAIL',
    cause: 21,
    sip: '603 Decline',
    reason: 8,
  },
};

const MS_PER_SECOND = 1_000;

export class CustomerCall extends SimCallBase implements ChannelOwner, RoomMember {
  readonly isAgent = false;
  readonly owner: ChannelOwner = this;
  private readonly primary: SimChannel;
  private readonly local2: SimChannel;
  private readonly trunk: SimChannel;
  private stage: 'dialing' | 'ringing' | 'up' | 'ended' = 'dialing';
  private amdVerdict: string | undefined;
  private room: string | undefined;
  private isDropped = false;
  private backstopTimer: NodeJS.Timeout | undefined;
  private amdTimer: NodeJS.Timeout | undefined;

  constructor(
    core: PbxCore,
    private readonly request: CustomerCallRequest,
    readonly plan: CallPlan,
  ) {
    super(core);
    const base = `Local/${request.number}@dialer-dial-${core.channelSuffix()}`;
    const dialerDial = { context: 'dialer-dial', exten: request.number };
    this.primary = new SimChannel(`${base};1`, request.channelId, request.channelId, this, {
      state: CHANNEL_STATE.down,
      ...dialerDial,
    });
    this.local2 = new SimChannel(`${base};2`, request.otherChannelId, request.channelId, this, {
      state: CHANNEL_STATE.ring,
      ...dialerDial,
    });
    this.trunk = new SimChannel(
      `PJSIP/trunk-${core.channelSuffix()}`,
      core.newUniqueid(),
      request.channelId,
      this,
      {
        state: CHANNEL_STATE.down,
        context: 'from-trunk',
        exten: 's',
      },
    );
  }

  get isEnded(): boolean {
    return this.stage === 'ended';
  }

  start(): void {
    const { request, primary, local2, trunk } = this;
    this.core.counters.planned[this.plan.outcome] += 1;
    for (const channel of [primary, local2, trunk]) this.core.addChannel(channel);
    this.emitChannel('Newchannel', primary);
    this.emitChannel('Newchannel', local2);
    for (const channel of [primary, local2]) {
      for (const [name, value] of request.variables) channel.vars.set(name, value);
      channel.varsVisible = true;
      channel.callerIdNum = request.callerIdNum;
      channel.callerIdName = request.callerIdName;
      channel.connectedNum = request.callerIdNum;
      channel.connectedName = request.callerIdName;
    }
    local2.application = 'Dial';
    local2.applicationData = `PJSIP/${request.number}@trunk`;
    this.emit('DialBegin', [
      ...primary.snapshot(this.core.channelVars, 'Dest'),
      ['DialString', `${request.number}@dialer-dial/n`],
    ]);
    this.emitChannel('Newchannel', trunk);
    for (const name of request.inherited) trunk.vars.set(name, request.variables.get(name) ?? '');
    trunk.varsVisible = true;
    trunk.callerIdNum = request.number;
    trunk.connectedNum = request.callerIdNum;
    trunk.connectedName = request.callerIdName;
    trunk.application = 'AppDial';
    trunk.applicationData = '(Outgoing Line)';
    this.emitDial('DialBegin', [['DialString', `${request.number}@trunk`]]);
    this.after(request.timeoutMs, () => this.originateTimedOut());
    const { outcome, ringMs } = this.plan;
    if (outcome === 'invalid' || outcome === 'congestion' || outcome === 'rejected') {
      this.after(ringMs, () => this.farEndFails(outcome));
      return;
    }
    this.ringing();
    if (outcome === 'busy') this.after(ringMs, () => this.farEndFails('busy'));
    else if (outcome === 'human' || outcome === 'machine') this.after(ringMs, () => this.answer());
  }

  redirect(channel: SimChannel, context: string, exten: string): string | undefined {
    if (this.stage !== 'up' || channel !== this.primary)
      return `Channel ${channel.name} is not an answered customer channel`;
    if (context === 'dialer-connect' && /^[A-Za-z0-9]{2,}$/.test(exten)) {
      this.connect(exten);
      return undefined;
    }
    if (context === 'dialer-drop' && exten === 's') {
      this.drop(false);
      return undefined;
    }
    return 'Extension does not exist.';
  }

  hangupByDialer(channel: SimChannel, cause: number): void {
    if (this.stage === 'ended') return;
    if (channel === this.primary || this.stage === 'up') this.endAnswered(cause, 'primary-first');
    else this.endUnanswered(channel === this.trunk ? cause : 16);
  }

  kickFromRoom(): void {
    if (this.stage === 'up') this.endAnswered(16, 'primary-first');
  }

  private ringing(): void {
    this.stage = 'ringing';
    this.trunk.state = CHANNEL_STATE.ringing;
    this.emitChannel('Newstate', this.trunk);
    this.primary.state = CHANNEL_STATE.ringing;
    this.emitChannel('Newstate', this.primary);
    this.emitDial('DialState', [['DialStatus', 'RINGING']]);
    this.emitOriginateDial('DialState', 'RINGING');
  }

  private farEndFails(kind: keyof typeof FAILURES): void {
    if (this.stage === 'ended' || this.stage === 'up') return;
    const failure = FAILURES[kind];
    this.emitDial('DialEnd', [['DialStatus', failure.dialEndStatus]]);
    this.emitHangup(this.trunk, failure.cause, Number(failure.sip.slice(0, 3)));
    this.emitUser(this.local2, 'DialerResult', [
      ['AttemptID', this.attemptId()],
      ['DialStatus', failure.dialplanStatus],
      ['Cause', String(failure.cause)],
      ['Tech', `SIP ${failure.sip}`],
    ]);
    // dialer-dial answers busy with Busy() and the rest with Congestion(): ;2 shows Busy.
    this.local2.state = CHANNEL_STATE.busy;
    this.emitChannel('Newstate', this.local2);
    this.originateResponse(false, failure.reason);
    this.emitOriginateDial('DialEnd', failure.reason === 5 ? 'BUSY' : 'CONGESTION');
    this.emitHangup(this.local2, failure.reason === 5 ? 17 : 34);
    this.emitHangup(this.primary, 0);
    this.finish(kind === 'invalid' ? 'invalid-number' : kind);
  }

  private originateTimedOut(): void {
    if (this.stage === 'ended' || this.stage === 'up') return;
    this.emitDial('DialEnd', [['DialStatus', 'CANCEL']]);
    this.originateResponse(false, 3);
    this.emitHangup(this.primary, 19);
    this.emitHangup(this.trunk, 19);
    this.emitHangup(this.local2, 19);
    this.finish('no-answer');
  }

  private answer(): void {
    if (this.stage === 'ended') return;
    this.stage = 'up';
    this.core.counters.answered += 1;
    this.trunk.state = CHANNEL_STATE.up;
    this.emitChannel('Newstate', this.trunk);
    this.emitDial('DialEnd', [['DialStatus', 'ANSWER']]);
    this.local2.state = CHANNEL_STATE.up;
    this.emitChannel('Newstate', this.local2);
    this.primary.moveTo('dialer-outbound', 'answered');
    this.originateResponse(true, 4);
    this.primary.state = CHANNEL_STATE.up;
    this.emitChannel('Newstate', this.primary);
    this.emitOriginateDial('DialEnd', 'ANSWER');
    this.after(this.plan.hangupAfterAnswerMs, () => this.endAnswered(16, 'far-end-first'));
    if (this.primary.vars.get('AMD_MODE') === 'on') {
      this.primary.application = 'AMD';
      this.amdTimer = this.after(this.plan.amdDelayMs, () => this.amdDone());
    } else {
      this.humanWaiting();
    }
  }

  private amdDone(): void {
    if (this.stage !== 'up') return;
    this.amdVerdict = this.plan.amdVerdict;
    this.emitUser(this.primary, 'DialerAMD', [
      ['AttemptID', this.attemptId()],
      ['Status', this.plan.amdVerdict],
      ['Cause', this.plan.amdCause],
    ]);
    if (this.plan.amdVerdict !== 'MACHINE') {
      this.humanWaiting();
      return;
    }
    const message = this.primary.vars.get('MACHINE_MSG');
    if (!message) {
      this.endAnswered(16, 'primary-first');
      return;
    }
    // extensions.conf: WaitForSilence (the greeting's end), Playback(MACHINE_MSG), UserEvent, Hangup.
    this.primary.application = 'Playback';
    this.primary.applicationData = message;
    this.after(this.core.model.safeHarborMs * 2, () => {
      if (this.stage !== 'up') return;
      this.emitUser(this.primary, 'DialerMachineMessage', [['AttemptID', this.attemptId()]]);
      this.endAnswered(16, 'primary-first');
    });
  }

  private humanWaiting(): void {
    this.core.counters.humanWaiting += 1;
    this.emitUser(this.primary, 'DialerHuman', [['AttemptID', this.attemptId()]]);
    const dropSeconds = Number(this.primary.vars.get('DROP_SECS') ?? '2');
    this.primary.application = 'Wait';
    this.primary.applicationData = String(dropSeconds);
    this.backstopTimer = this.after((Number.isFinite(dropSeconds) ? dropSeconds : 2) * MS_PER_SECOND, () =>
      this.drop(true),
    );
  }

  private connect(room: string): void {
    this.cancelDialplanTimers();
    this.primary.moveTo('dialer-connect', room, 'ConfBridge', `${room},agent_room,customer_user`);
    this.emitUser(this.primary, 'DialerConnect', [
      ['AttemptID', this.attemptId()],
      ['Room', room],
    ]);
    if (this.room === undefined) this.core.counters.connected += 1;
    this.room = room;
    this.emitChannel('ConfbridgeJoin', this.primary, [
      ['Conference', room],
      ['Admin', 'No'],
    ]);
    this.core.joinRoom(room, this);
  }

  private drop(isBackstop: boolean): void {
    if (this.stage !== 'up' || this.isDropped) return;
    this.cancelDialplanTimers();
    this.leaveRoom();
    this.isDropped = true;
    this.core.counters.dropped += 1;
    if (isBackstop) this.core.counters.backstopDrops += 1;
    const message = this.primary.vars.get('SAFE_HARBOR') ?? 'vm-goodbye';
    this.primary.moveTo('dialer-drop', 's');
    this.emitUser(this.primary, 'DialerDrop', [['AttemptID', this.attemptId()]]);
    this.primary.application = 'Playback';
    this.primary.applicationData = message;
    this.after(this.core.model.safeHarborMs, () => this.endAnswered(16, 'primary-first'));
  }

  /** Hangup of an answered call; lab order: whoever hangs up first, then the Local halves. */
  private endAnswered(cause: number, order: 'far-end-first' | 'primary-first'): void {
    if (this.stage === 'ended') return;
    this.leaveRoom();
    const sequence =
      order === 'far-end-first'
        ? [this.trunk, this.local2, this.primary]
        : [this.primary, this.trunk, this.local2];
    for (const channel of sequence) this.emitHangup(channel, cause);
    const result =
      this.room !== undefined
        ? 'connected'
        : this.isDropped
          ? 'abandoned'
          : this.amdVerdict === 'MACHINE'
            ? 'machine'
            : 'answered-no-agent-hangup';
    this.finish(result);
  }

  private endUnanswered(cause: number): void {
    this.emitDial('DialEnd', [['DialStatus', 'CANCEL']]);
    this.originateResponse(false, 1);
    this.emitHangup(this.primary, cause);
    this.emitHangup(this.trunk, cause);
    this.emitHangup(this.local2, cause);
    this.finish('no-answer');
  }

  private leaveRoom(): void {
    if (this.room === undefined || this.primary.context !== 'dialer-connect') return;
    this.emitChannel('ConfbridgeLeave', this.primary, [
      ['Conference', this.room],
      ['Admin', 'No'],
    ]);
    this.core.leaveRoom(this.room, this);
    this.primary.moveTo('dialer-connect', this.room, 'Hangup');
  }

  private cancelDialplanTimers(): void {
    this.cancel(this.backstopTimer);
    this.cancel(this.amdTimer);
  }

  private finish(result: Parameters<PbxCore['callFinished']>[0]): void {
    this.stage = 'ended';
    this.cancelAll();
    for (const channel of [this.primary, this.local2, this.trunk]) this.core.removeChannel(channel);
    this.core.callFinished(result);
  }

  private originateResponse(success: boolean, reason: number): void {
    const { request, primary } = this;
    this.emitOriginateResponse({
      actionId: request.actionId,
      success,
      channel: success ? primary.name : request.requestedChannel,
      context: 'dialer-outbound',
      exten: 'answered',
      reason,
      uniqueid: request.channelId,
      callerIdNum: request.callerIdNum,
      callerIdName: request.callerIdName,
      varsOf: primary,
    });
  }

  private attemptId(): string {
    return this.primary.vars.get('ATTEMPTID') ?? '';
  }

  /** Dial events of [dialer-dial]'s Dial(): caller ;2, destination the trunk channel. */
  private emitDial(event: string, extra: AmiFields): void {
    const vars = this.core.channelVars;
    this.emit(event, [...this.local2.snapshot(vars), ...this.trunk.snapshot(vars, 'Dest'), ...extra]);
  }

  /** Dial events of the Originate itself: no caller snapshot, destination ;1 (research §2.4). */
  private emitOriginateDial(event: string, status: string): void {
    this.emit(event, [...this.primary.snapshot(this.core.channelVars, 'Dest'), ['DialStatus', status]]);
  }
}
