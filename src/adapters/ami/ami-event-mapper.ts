/**
 * Turns the AMI events of one attempt into TelephonyEvents and CallEvidence. Asterisk gives no order
 * between OriginateResponse, DialEnd, UserEvents and Hangup (research §2.2; seen on 22.10.1: the
 * OriginateResponse of a busy call arrived before the dialplan's DialerResult, and DialerHuman before
 * the OriginateResponse Success), so every handler here accepts any order and is idempotent.
 *
 * Channels of an attempt (Local/Dial pattern, docs/asterisk/extensions.conf):
 *   primary  Local/<n>@dialer-dial-…;1, Uniqueid = attemptId, the customer as the dialer sees it
 *   second   Local/<n>@dialer-dial-…;2, Uniqueid = attemptId-2 (OtherChannelId), runs Dial()
 *   far end  the trunk channel Dial() creates (PJSIP/trunk-…), known from DialBegin's DestUniqueid
 */
import type { CallEvidence } from '../../domain/calls/call-outcome.js';
import type { TelephonyEvent } from '../../ports/telephony.js';
import { numericHeader, type AmiEvent } from './ami-types.js';

const STATE_RINGING = 5;
const STATE_UP = 6;
/** "SIP 486 Busy Here", the tech cause func_hangupcause reports (research §2.5). */
const SIP_TECH = /^SIP (\d{3})\b/;

export type AttemptTrigger = 'primary-hangup' | 'originate-failed' | 'channel-appeared' | undefined;

export class AttemptRecord {
  /** The Originate was acknowledged; false while in flight or after an ambiguous failure. */
  accepted = false;
  sawEvents = false;
  primaryChannel: string | undefined;
  farEndUniqueid: string | undefined;
  primaryHungUp = false;
  endTimer: NodeJS.Timeout | undefined;
  private hadChannel = false;
  private wasAnswered = false;
  private amdStatus: string | undefined;
  private wasHumanWaiting = false;
  private wasConnected = false;
  private wasDropped = false;
  private wasMachineMessageLeft = false;
  private hasRung = false;
  private dialplanStatus: string | undefined;
  private dialplanCause: number | undefined;
  private dialplanTech: string | undefined;
  private trunkDialStatus: string | undefined;
  private originateDialStatus: string | undefined;
  private originateReason: number | undefined;
  private originateSucceeded: boolean | undefined;
  private readonly causes = {
    primary: undefined as number | undefined,
    second: undefined as number | undefined,
    far: undefined as number | undefined,
  };
  private readonly techCauses = {
    primary: undefined as number | undefined,
    far: undefined as number | undefined,
  };

  constructor(
    readonly attemptId: string,
    readonly actionId: string,
  ) {}

  get isDropped(): boolean {
    return this.wasDropped;
  }

  get hasChannel(): boolean {
    return this.hadChannel;
  }

  /** Uniqueids that certainly belong to this attempt before any event arrives. */
  ownIds(): string[] {
    const id = this.attemptId;
    return [id, `${id}-2`, `${id};2`];
  }

  /** Applies one event; pushes the TelephonyEvents it causes and says whether it may end the attempt. */
  apply(event: AmiEvent, out: TelephonyEvent[]): AttemptTrigger {
    const h = event.headers;
    const at = event.receivedAt;
    const isPrimary = h.Uniqueid === this.attemptId && event.event !== 'OriginateResponse';
    this.sawEvents = true;
    let trigger: AttemptTrigger;
    if (isPrimary) {
      if (!this.hadChannel) trigger = 'channel-appeared';
      this.hadChannel = true;
      if (h.Channel) this.primaryChannel = h.Channel;
    }
    switch (event.event) {
      case 'Newstate': {
        const state = numericHeader(event, 'ChannelState');
        if (state === STATE_RINGING) this.ringing(out, at);
        if (state === STATE_UP && isPrimary) this.answered(out, at);
        break;
      }
      case 'DialBegin':
        // Only [dialer-dial]'s own Dial() has a caller; its destination is the far end.
        if (h.Uniqueid !== undefined && h.Uniqueid !== this.attemptId && h.DestUniqueid)
          this.farEndUniqueid = h.DestUniqueid;
        break;
      case 'DialState':
        if (h.DialStatus === 'RINGING') this.ringing(out, at);
        break;
      case 'DialEnd':
        if (h.Uniqueid !== undefined) this.trunkDialStatus = h.DialStatus;
        else this.originateDialStatus = h.DialStatus;
        break;
      case 'Hangup': {
        const cause = numericHeader(event, 'Cause');
        const tech = numericHeader(event, 'TechCause');
        if (isPrimary) {
          this.causes.primary = cause;
          this.techCauses.primary = tech;
          this.primaryHungUp = true;
          return 'primary-hangup';
        }
        if (h.Uniqueid !== undefined && h.Uniqueid === this.farEndUniqueid) {
          this.causes.far = cause;
          this.techCauses.far = tech;
        } else if (h.Uniqueid !== undefined && this.ownIds().includes(h.Uniqueid)) {
          this.causes.second = cause;
        }
        break;
      }
      case 'OriginateResponse':
        this.originateReason = numericHeader(event, 'Reason');
        this.originateSucceeded = /^success$/i.test(h.Response ?? '');
        if (this.originateSucceeded) {
          if (h.Channel) this.primaryChannel = h.Channel;
          this.answered(out, at);
          break;
        }
        return 'originate-failed';
      case 'UserEvent':
        this.userEvent(event, out, at);
        break;
      case 'ConfbridgeJoin':
        if (isPrimary) this.connected(h.Conference ?? '', out, at);
        break;
    }
    return trigger;
  }

  /** What a CoreShowChannel item tells about a channel we track (after a reconnect). */
  applySnapshot(item: AmiEvent, out: TelephonyEvent[], at: Date): void {
    this.hadChannel = true;
    if (item.headers.Channel) this.primaryChannel = item.headers.Channel;
    if (numericHeader(item, 'ChannelState') === STATE_UP) this.answered(out, at);
    // Waiting in [dialer-outbound] after DialerHuman: the dialer may have missed that event.
    if (
      item.headers.Context === 'dialer-outbound' &&
      item.headers.Application === 'Wait' &&
      !this.wasHumanWaiting
    )
      this.humanWaiting(out, at);
  }

  evidence(): CallEvidence {
    const firstPositive = (...values: (number | undefined)[]) => values.find((v) => v !== undefined && v > 0);
    const sip = this.dialplanTech === undefined ? undefined : SIP_TECH.exec(this.dialplanTech)?.[1];
    return {
      dialStatusFromDialplan: this.dialplanStatus,
      wasAnswered: this.wasAnswered,
      amdStatus: this.amdStatus,
      wasHumanWaiting: this.wasHumanWaiting,
      wasConnected: this.wasConnected,
      wasDropped: this.wasDropped,
      // The far end's cause is the customer's network talking; the Local halves often say 0 or 16.
      hangupCause: firstPositive(
        this.dialplanCause,
        this.causes.far,
        this.causes.primary,
        this.causes.second,
      ),
      techCause:
        this.techCauses.far ?? (sip === undefined ? undefined : Number(sip)) ?? this.techCauses.primary,
      dialStatus: this.trunkDialStatus ?? this.originateDialStatus,
      originateReason: this.originateReason,
      originateSucceeded: this.originateSucceeded,
      hadChannel: this.hadChannel,
      wasMachineMessageLeft: this.wasMachineMessageLeft,
    };
  }

  private userEvent(event: AmiEvent, out: TelephonyEvent[], at: Date): void {
    const h = event.headers;
    switch (h.UserEvent) {
      case 'DialerResult': {
        this.dialplanStatus = h.DialStatus || undefined;
        const cause = numericHeader(event, 'Cause');
        this.dialplanCause = cause;
        this.dialplanTech = h.Tech || undefined;
        break;
      }
      case 'DialerAMD':
        this.answered(out, at);
        this.amdStatus = h.Status || undefined;
        out.push({
          kind: 'amd',
          attemptId: this.attemptId,
          status: h.Status ?? '',
          cause: h.Cause ?? '',
          at,
        });
        break;
      case 'DialerHuman':
        if (!this.primaryChannel && h.Channel) this.primaryChannel = h.Channel;
        this.humanWaiting(out, at);
        break;
      case 'DialerConnect':
        this.connected(h.Room ?? '', out, at);
        break;
      case 'DialerMachineMessage':
        if (!this.wasMachineMessageLeft) out.push({ kind: 'machine-message', attemptId: this.attemptId, at });
        this.wasMachineMessageLeft = true;
        break;
      case 'DialerDrop':
        this.answered(out, at);
        if (!this.wasDropped) out.push({ kind: 'dropped', attemptId: this.attemptId, at });
        this.wasDropped = true;
        break;
    }
  }

  private ringing(out: TelephonyEvent[], at: Date): void {
    if (this.hasRung || this.wasAnswered) return;
    this.hasRung = true;
    out.push({ kind: 'ringing', attemptId: this.attemptId, at });
  }

  private answered(out: TelephonyEvent[], at: Date): void {
    if (this.wasAnswered) return;
    this.wasAnswered = true;
    out.push({ kind: 'answered', attemptId: this.attemptId, channel: this.primaryChannel ?? '', at });
  }

  private humanWaiting(out: TelephonyEvent[], at: Date): void {
    this.answered(out, at);
    if (this.wasHumanWaiting) return;
    this.wasHumanWaiting = true;
    out.push({ kind: 'human-waiting', attemptId: this.attemptId, channel: this.primaryChannel ?? '', at });
  }

  private connected(room: string, out: TelephonyEvent[], at: Date): void {
    this.answered(out, at);
    if (this.wasConnected) return;
    this.wasConnected = true;
    out.push({ kind: 'connected', attemptId: this.attemptId, room, at });
  }
}

/** Finds the attempt an event belongs to, by every key research §2.7 lists. */
export class AttemptIndex {
  private readonly byAttempt = new Map<string, AttemptRecord>();
  private readonly byUniqueid = new Map<string, AttemptRecord>();
  private readonly byActionId = new Map<string, AttemptRecord>();

  get size(): number {
    return this.byAttempt.size;
  }

  all(): AttemptRecord[] {
    return [...this.byAttempt.values()];
  }

  get(attemptId: string): AttemptRecord | undefined {
    return this.byAttempt.get(attemptId);
  }

  add(record: AttemptRecord): void {
    this.byAttempt.set(record.attemptId, record);
    this.byActionId.set(record.actionId, record);
    for (const id of record.ownIds()) this.byUniqueid.set(id, record);
  }

  remove(record: AttemptRecord): void {
    this.byAttempt.delete(record.attemptId);
    this.byActionId.delete(record.actionId);
    for (const [id, owner] of this.byUniqueid) if (owner === record) this.byUniqueid.delete(id);
  }

  find(event: AmiEvent): AttemptRecord | undefined {
    const h = event.headers;
    // An OriginateResponse is ours only by ActionID: its Uniqueid is just the ChannelId requested,
    // and someone else's Originate with the same ChannelId fails with that Uniqueid (seen on 22.10.1).
    if (event.event === 'OriginateResponse') return h.ActionID ? this.byActionId.get(h.ActionID) : undefined;
    const direct =
      (h.Uniqueid && this.byUniqueid.get(h.Uniqueid)) ||
      (h.DestUniqueid && this.byUniqueid.get(h.DestUniqueid)) ||
      undefined;
    const record =
      direct ??
      this.lookup(event.vars.ATTEMPTID) ??
      this.lookup(event.destVars.ATTEMPTID) ??
      this.lookup(h.AttemptID) ??
      this.lookup(h.Linkedid) ??
      this.lookup(h.DestLinkedid);
    if (record) {
      // Remember the channel: its later events need no ATTEMPTID (manager.conf channelvars may lack it).
      if (h.Uniqueid) this.byUniqueid.set(h.Uniqueid, record);
      if (h.DestUniqueid) this.byUniqueid.set(h.DestUniqueid, record);
    }
    return record;
  }

  private lookup(key: string | undefined): AttemptRecord | undefined {
    return key ? this.byAttempt.get(key) : undefined;
  }
}
