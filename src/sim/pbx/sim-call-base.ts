/**
 * What customer calls and agent legs share: their timers (model time, scaled by the core) and the
 * shapes of the events they emit, as Asterisk 22 writes them (main/manager_channels.c, research §2.4).
 */
import type { AmiFields } from './ami-codec.js';
import { causeText, type PbxCore, type SimChannel } from './sim-channel.js';

export interface OriginateResponseInput {
  readonly actionId: string | undefined;
  readonly success: boolean;
  /** The new channel on success; the Channel header as requested on failure (lab trace). */
  readonly channel: string;
  readonly context: string;
  readonly exten: string;
  readonly reason: number;
  readonly uniqueid: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  /** On success Asterisk 22 appends `ChanVariable(<channel>): NAME=value` for the new channel. */
  readonly varsOf?: SimChannel | undefined;
}

export abstract class SimCallBase {
  private readonly timers = new Set<NodeJS.Timeout>();

  protected constructor(protected readonly core: PbxCore) {}

  protected after(modelMs: number, fn: () => void): NodeJS.Timeout {
    const timer = this.core.schedule(modelMs, () => {
      this.timers.delete(timer);
      fn();
    });
    this.timers.add(timer);
    return timer;
  }

  protected cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  protected cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  protected emit(event: string, fields: AmiFields, privilege = 'call,all'): void {
    this.core.emitEvent(event, privilege, fields);
  }

  protected emitChannel(event: string, channel: SimChannel, extra: AmiFields = []): void {
    this.emit(event, [...channel.snapshot(this.core.channelVars), ...extra]);
  }

  protected emitUser(channel: SimChannel, name: string, body: AmiFields): void {
    this.emit(
      'UserEvent',
      [...channel.snapshot(this.core.channelVars), ['UserEvent', name], ...body],
      'user,all',
    );
  }

  /** Hangup with Cause/Cause-txt; TechCause (22.7+) only when a channel driver reported a SIP code. */
  protected emitHangup(channel: SimChannel, cause: number, techCause?: number): void {
    const fields: AmiFields = [
      ...channel.snapshot(this.core.channelVars),
      ['Cause', String(cause)],
      ['Cause-txt', causeText(cause)],
    ];
    if (techCause !== undefined) fields.push(['TechCause', String(techCause)]);
    this.emit('Hangup', fields);
    this.core.removeChannel(channel);
  }

  protected emitOriginateResponse(input: OriginateResponseInput): void {
    const fields: AmiFields = [];
    if (input.actionId !== undefined) fields.push(['ActionID', input.actionId]);
    fields.push(
      ['Response', input.success ? 'Success' : 'Failure'],
      ['Channel', input.channel],
      ['Context', input.context],
      ['Exten', input.exten],
      ['Reason', String(input.reason)],
      ['Uniqueid', input.uniqueid],
      ['CallerIDNum', input.callerIdNum],
      ['CallerIDName', input.callerIdName],
    );
    const { varsOf } = input;
    if (input.success && varsOf) {
      for (const name of this.core.channelVars) {
        fields.push([`ChanVariable(${varsOf.name})`, `${name}=${varsOf.vars.get(name) ?? ''}`]);
      }
    }
    this.emit('OriginateResponse', fields);
  }
}
