/**
 * AmiTelephony: the Telephony port over AMI, for a real Asterisk 22 running
 * docs/asterisk/extensions.conf or for the simulated PBX (src/sim/pbx), which speaks the same.
 *
 * - originate(): Originate Async with our ActionID and ChannelId = attemptId, OtherChannelId =
 *   attemptId-2 (research §2.1); all events of the attempt are correlated in ami-event-mapper.ts.
 * - Exactly one `ended` per attempt: after the primary channel's Hangup (or an OriginateResponse
 *   Failure with no channel ever created), plus a short settle time for late events, or when a
 *   resync after a reconnect finds the channel gone.
 * - Agent legs (research §3, model A): Originate Channel=<endpoint> Context=agent-login Exten=<room>
 *   ChannelId=agentleg-<room>-<n>; up/down from UserEvent AgentLegUp/AgentLegDown, ConfbridgeJoin/
 *   Leave and Hangup of the leg.
 */
import { TelephonyError } from '../../domain/errors.js';
import type { AgentLegRequest, OriginateRequest, Telephony, TelephonyEvent } from '../../ports/telephony.js';
import { formatCallerId } from './ami-sanitize.js';
import { AGENT_LEG_PREFIX, AgentLegTracker } from './ami-agent-legs.js';
import { AttemptIndex, AttemptRecord, type AttemptTrigger } from './ami-event-mapper.js';
import { silentLogger, type AmiClientApi, type AmiEvent, type AmiLogger } from './ami-types.js';

export interface AmiTelephonyOptions {
  /** Config['ami'].dialChannelTemplate; {number} = E.164 digits without "+". */
  dialChannelTemplate: string;
  logger?: AmiLogger | undefined;
  /** Wait after the terminal event for late ones (DialerResult, OriginateResponse). */
  settleMs?: number;
  /** OriginateResponse Failure for a channel whose Hangup never came: end anyway after this. */
  lostHangupMs?: number;
  /** Forget an attempt whose Originate failed ambiguously (timeout, disconnect) and showed no event. */
  ambiguousGraceMs?: number;
  now?: () => Date;
}

const DEFAULT_SETTLE_MS = 250;
const DEFAULT_LOST_HANGUP_MS = 10_000;
const DEFAULT_AMBIGUOUS_GRACE_MS = 120_000;
const ATTEMPT_ID = /^[A-Za-z0-9-]{1,100}$/;
/** Two characters at least: single letters are Asterisk's special extensions (h, i, s, t). */
const ROOM = /^[A-Za-z0-9]{2,64}$/;
const E164 = /^\+[1-9][0-9]{4,14}$/;

export class AmiTelephony implements Telephony {
  private readonly attempts = new AttemptIndex();
  private readonly legs: AgentLegTracker;
  private readonly listeners = new Set<(event: TelephonyEvent) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly logger: AmiLogger;
  private readonly settleMs: number;
  private readonly lostHangupMs: number;
  private readonly ambiguousGraceMs: number;
  private readonly now: () => Date;
  private linkGeneration = 0;
  private isLinkAnnounced = false;
  private isClosed = false;

  constructor(
    private readonly client: AmiClientApi,
    private readonly options: AmiTelephonyOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.lostHangupMs = options.lostHangupMs ?? DEFAULT_LOST_HANGUP_MS;
    this.ambiguousGraceMs = options.ambiguousGraceMs ?? DEFAULT_AMBIGUOUS_GRACE_MS;
    this.now = options.now ?? (() => new Date());
    this.legs = new AgentLegTracker((event) => this.emit(event), this.settleMs);
    if (!options.dialChannelTemplate.includes('{number}'))
      throw new TelephonyError('AMI_BAD_VALUE', 'dialChannelTemplate must contain {number}');
    this.unsubscribe.push(
      client.onEvent((event) => this.onAmiEvent(event)),
      client.onLink((state) => (state.up ? this.onLinkUp() : this.onLinkDown(state.reason))),
    );
    if (client.isReady) this.onLinkUp();
  }

  get isReady(): boolean {
    return !this.isClosed && this.isLinkAnnounced && this.client.isReady;
  }

  onEvent(listener: (event: TelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async originate(request: OriginateRequest): Promise<void> {
    const { attemptId } = request;
    if (!ATTEMPT_ID.test(attemptId) || attemptId.startsWith(AGENT_LEG_PREFIX))
      throw new TelephonyError(
        'AMI_BAD_VALUE',
        `attemptId ${JSON.stringify(attemptId)} must be [A-Za-z0-9-], ≤100 chars`,
      );
    if (!E164.test(request.destinationE164))
      throw new TelephonyError(
        'AMI_BAD_VALUE',
        `destination ${JSON.stringify(request.destinationE164)} is not E.164 (+ and 5–15 digits)`,
      );
    if (this.attempts.get(attemptId))
      throw new TelephonyError('AMI_BAD_VALUE', `attempt ${attemptId} is already in progress`);
    this.assertReady('Originate');
    const record = new AttemptRecord(attemptId, this.client.newActionId());
    const action = {
      Action: 'Originate',
      Channel: this.options.dialChannelTemplate.replace('{number}', request.destinationE164.slice(1)),
      Context: 'dialer-outbound',
      Exten: 'answered',
      Priority: 1,
      Timeout: Math.round(request.ringTimeoutMs),
      CallerID: formatCallerId(request.callerIdName, request.callerIdNumber),
      Async: 'true',
      ChannelId: attemptId,
      OtherChannelId: `${attemptId}-2`,
      Variable: {
        __ATTEMPTID: attemptId,
        __LEADID: request.leadId,
        __CAMPAIGNID: request.campaignId,
        AMD_MODE: request.amd ? 'on' : 'off',
        DROP_SECS: String(request.backstopDropSeconds),
        SAFE_HARBOR: request.abandonMessage,
        RECORD: request.record ? '1' : '0',
        ...(request.machineMessage ? { MACHINE_MSG: request.machineMessage } : {}),
      },
    };
    // Tracked before sending: the first events can overtake the response.
    this.attempts.add(record);
    try {
      await this.client.send(action, { actionId: record.actionId });
      record.accepted = true;
    } catch (error) {
      const code = error instanceof TelephonyError ? error.code : '';
      if (code === 'AMI_TIMEOUT' || code === 'AMI_DISCONNECTED') {
        // Maybe queued after all: keep listening for a while, report it as usual if it shows up.
        setTimeout(() => this.forgetIfSilent(record), this.ambiguousGraceMs).unref();
      } else {
        this.attempts.remove(record);
      }
      throw error;
    }
  }

  async connect(attemptId: string, channel: string, room: string): Promise<void> {
    if (!ROOM.test(room))
      throw new TelephonyError(
        'AMI_BAD_VALUE',
        `room ${JSON.stringify(room)} must be 2–64 characters [A-Za-z0-9]`,
      );
    // Research §4.6: once DialerDrop was seen, the attempt is never redirected again.
    if (this.attempts.get(attemptId)?.isDropped)
      throw new TelephonyError('AMI_REJECTED', `attempt ${attemptId} was already dropped`);
    this.assertReady('Redirect');
    await this.client.send({
      Action: 'Redirect',
      Channel: channel,
      Context: 'dialer-connect',
      Exten: room,
      Priority: 1,
    });
  }

  async drop(attemptId: string, channel: string): Promise<void> {
    if (this.attempts.get(attemptId)?.isDropped) return;
    this.assertReady('Redirect');
    await this.client.send({
      Action: 'Redirect',
      Channel: channel,
      Context: 'dialer-drop',
      Exten: 's',
      Priority: 1,
    });
  }

  async hangup(channel: string): Promise<void> {
    this.assertReady('Hangup');
    await this.client.send({ Action: 'Hangup', Channel: channel, Cause: 16 });
  }

  async originateAgentLeg(request: AgentLegRequest): Promise<void> {
    const { room, endpoint } = request;
    if (!ROOM.test(room))
      throw new TelephonyError(
        'AMI_BAD_VALUE',
        `room ${JSON.stringify(room)} must be 2–64 characters [A-Za-z0-9]`,
      );
    if (!/^[A-Za-z0-9]+\/[A-Za-z0-9_.@:;/+-]+$/.test(endpoint))
      throw new TelephonyError(
        'AMI_BAD_VALUE',
        `agent endpoint ${JSON.stringify(endpoint)} is not a dial string`,
      );
    this.assertReady('Originate');
    const leg = this.legs.create(room, this.client.newActionId());
    try {
      await this.client.send(
        {
          Action: 'Originate',
          Channel: endpoint,
          Context: 'agent-login',
          Exten: room,
          Priority: 1,
          Async: 'true',
          ChannelId: leg.channelId,
          OtherChannelId: `${leg.channelId}-2`,
          Variable: { AGENTID: request.agentId },
        },
        { actionId: leg.actionId },
      );
    } catch (error) {
      this.legs.untrack(leg);
      throw error;
    }
  }

  async hangupAgentLeg(room: string): Promise<void> {
    this.assertReady('Hangup');
    const legs = this.legs.live(room);
    if (legs.length === 0) throw new TelephonyError('AMI_REJECTED', `no agent leg is up in room ${room}`);
    for (const leg of legs) await this.client.send({ Action: 'Hangup', Channel: leg.channel, Cause: 16 });
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const off of this.unsubscribe) off();
    for (const record of this.attempts.all()) clearTimeout(record.endTimer);
    await this.client.close();
    this.listeners.clear();
  }

  private assertReady(action: string): void {
    if (this.isClosed)
      throw new TelephonyError('AMI_DISCONNECTED', `telephony is closed; ${action} not sent`);
    if (!this.isReady)
      throw new TelephonyError('AMI_NOT_READY', `the PBX link is not ready; ${action} not sent`);
  }

  private emit(event: TelephonyEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ kind: event.kind, error: String(error) }, 'telephony.listener.failed');
      }
    }
  }

  private onAmiEvent(event: AmiEvent): void {
    if (this.legs.onEvent(event)) return;
    const record = this.attempts.find(event);
    if (!record) return;
    const out: TelephonyEvent[] = [];
    const trigger = record.apply(event, out);
    for (const e of out) this.emit(e);
    this.onTrigger(record, trigger);
  }

  private onTrigger(record: AttemptRecord, trigger: AttemptTrigger): void {
    if (trigger === 'primary-hangup') this.scheduleEnd(record, this.settleMs);
    else if (trigger === 'originate-failed')
      this.scheduleEnd(
        record,
        record.hasChannel && !record.primaryHungUp ? this.lostHangupMs : this.settleMs,
      );
    else if (trigger === 'channel-appeared' && record.endTimer && !record.primaryHungUp)
      this.scheduleEnd(record, this.lostHangupMs);
  }

  private scheduleEnd(record: AttemptRecord, delayMs: number): void {
    clearTimeout(record.endTimer);
    record.endTimer = setTimeout(() => this.end(record), delayMs);
  }

  private end(record: AttemptRecord): void {
    clearTimeout(record.endTimer);
    if (this.attempts.get(record.attemptId) !== record) return;
    this.attempts.remove(record);
    this.emit({ kind: 'ended', attemptId: record.attemptId, at: this.now(), evidence: record.evidence() });
  }

  private forgetIfSilent(record: AttemptRecord): void {
    if (!record.accepted && !record.sawEvents && this.attempts.get(record.attemptId) === record)
      this.attempts.remove(record);
  }

  private onLinkDown(reason: string | undefined): void {
    this.linkGeneration += 1;
    if (!this.isLinkAnnounced) return;
    this.isLinkAnnounced = false;
    this.emit({ kind: 'link', up: false, at: this.now(), reason });
  }

  private onLinkUp(): void {
    this.linkGeneration += 1;
    const generation = this.linkGeneration;
    void this.resync()
      .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'telephony.resync.failed'))
      .finally(() => {
        if (generation !== this.linkGeneration || this.isClosed || !this.client.isReady) return;
        this.isLinkAnnounced = true;
        this.emit({ kind: 'link', up: true, at: this.now() });
      });
  }

  /**
   * After a (re)login: CoreShowChannels, then end every tracked attempt whose primary channel is gone
   * (its Hangup was lost with the link) and report agent legs that vanished or survived a restart.
   */
  private async resync(): Promise<void> {
    const known = this.attempts.all();
    const list = await this.client.list({ Action: 'CoreShowChannels' });
    const live = new Map(list.items.map((item) => [item.headers.Uniqueid ?? '', item]));
    const at = this.now();
    for (const record of known) {
      if (this.attempts.get(record.attemptId) !== record) continue;
      const item = live.get(record.attemptId);
      if (item) {
        const out: TelephonyEvent[] = [];
        record.applySnapshot(item, out, at);
        for (const e of out) this.emit(e);
      } else if (record.accepted || record.sawEvents) {
        this.end(record);
      }
    }
    this.legs.resync(live, at);
    for (const item of live.values()) this.adopt(item, at);
  }

  /** An attempt alive on the PBX that this process does not know (the dialer restarted). */
  private adopt(item: AmiEvent, at: Date): void {
    const uniqueid = item.headers.Uniqueid ?? '';
    const attemptId = item.vars.ATTEMPTID;
    if (attemptId && attemptId === uniqueid && !this.attempts.get(attemptId)) {
      const record = new AttemptRecord(attemptId, `adopted-${attemptId}`);
      record.accepted = true;
      this.attempts.add(record);
      const out: TelephonyEvent[] = [];
      record.applySnapshot(item, out, at);
      for (const e of out) this.emit(e);
    }
  }
}
