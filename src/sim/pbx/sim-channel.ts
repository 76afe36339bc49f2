/**
 * A simulated channel and the PBX services its calls use. Channel events carry the snapshot Asterisk
 * 22 writes (main/manager_channels.c, research §2.4), in the same header order as the lab trace.
 */
import type { SystemOutcome } from '../../domain/calls/call-outcome.js';
import type { AmiFields } from './ami-codec.js';
import type { SimModel, SimOutcome } from './sim-model.js';

/** ChannelState values (include/asterisk/channelstate.h). */
export const CHANNEL_STATE = { down: 0, ring: 4, ringing: 5, up: 6, busy: 7 } as const;
const STATE_DESC: Record<number, string> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up', 7: 'Busy' };

/** Cause-txt strings as Asterisk 22 prints them (main/causes.c via ast_cause2str). */
const CAUSE_TEXT: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  34: 'Circuit/channel congestion',
};

export function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown';
}

/** Something that owns channels and reacts to the dialer's actions on them. */
export interface ChannelOwner {
  /** Redirect of one of its channels; returns an error message or undefined on success. */
  redirect(channel: SimChannel, context: string, exten: string): string | undefined;
  /** Hangup action on one of its channels. */
  hangupByDialer(channel: SimChannel, cause: number): void;
  /** The last agent left the room this owner's customer sits in (confbridge end_marked). */
  kickFromRoom(): void;
}

export class SimChannel {
  state: number;
  context: string;
  exten: string;
  priority = 1;
  application = '';
  applicationData = '';
  callerIdNum = '<unknown>';
  callerIdName = '<unknown>';
  connectedNum = '<unknown>';
  connectedName = '<unknown>';
  /** Real Asterisk writes the first Newchannel before the Originate variables are set: empty ChanVariables. */
  varsVisible = false;
  bridgeId = '';
  readonly vars = new Map<string, string>();
  readonly createdAt = Date.now();

  constructor(
    readonly name: string,
    readonly uniqueid: string,
    readonly linkedid: string,
    readonly owner: ChannelOwner,
    init: { state: number; context: string; exten: string },
  ) {
    this.state = init.state;
    this.context = init.context;
    this.exten = init.exten;
  }

  snapshot(channelVars: readonly string[], prefix = ''): AmiFields {
    const fields: AmiFields = [
      [`${prefix}Channel`, this.name],
      [`${prefix}ChannelState`, String(this.state)],
      [`${prefix}ChannelStateDesc`, STATE_DESC[this.state] ?? 'Unknown'],
      [`${prefix}CallerIDNum`, this.callerIdNum],
      [`${prefix}CallerIDName`, this.callerIdName],
      [`${prefix}ConnectedLineNum`, this.connectedNum],
      [`${prefix}ConnectedLineName`, this.connectedName],
      [`${prefix}Language`, 'en'],
      [`${prefix}AccountCode`, ''],
      [`${prefix}Context`, this.context],
      [`${prefix}Exten`, this.exten],
      [`${prefix}Priority`, String(this.priority)],
      [`${prefix}Uniqueid`, this.uniqueid],
      [`${prefix}Linkedid`, this.linkedid],
    ];
    for (const name of channelVars)
      fields.push([
        `${prefix}ChanVariable`,
        `${name}=${this.varsVisible ? (this.vars.get(name) ?? '') : ''}`,
      ]);
    return fields;
  }

  moveTo(context: string, exten: string, application = '', applicationData = ''): void {
    this.context = context;
    this.exten = exten;
    this.priority = 1;
    this.application = application;
    this.applicationData = applicationData;
  }
}

export interface SimPbxStats {
  /** Open AMI sessions now. */
  connections: number;
  logins: number;
  loginFailures: number;
  /** Every action received, by name as Asterisk spells it ("Originate", "Ping", ...). */
  actions: Record<string, number>;
  /** Customer Originates accepted (queued). */
  originates: number;
  agentLegs: number;
  answered: number;
  humanWaiting: number;
  connected: number;
  /** DialerDrop: dialer-initiated plus backstop. */
  dropped: number;
  backstopDrops: number;
  /** Outcome the model planned, per customer call. */
  planned: Record<SimOutcome, number>;
  /** What each finished call became, in the dialer's vocabulary (classifyCallEnd). */
  results: Partial<Record<SystemOutcome, number>>;
  activeCalls: number;
  activeChannels: number;
}

/** Services the server gives to calls and agent legs. Delays are model ms; the core scales them. */
export interface PbxCore {
  readonly channelVars: readonly string[];
  readonly model: SimModel;
  readonly counters: SimPbxStats;
  emitEvent(event: string, privilege: string, fields: AmiFields): void;
  schedule(modelMs: number, fn: () => void): NodeJS.Timeout;
  channelSuffix(): string;
  newUniqueid(): string;
  addChannel(channel: SimChannel): void;
  removeChannel(channel: SimChannel): void;
  joinRoom(room: string, member: RoomMember): void;
  leaveRoom(room: string, member: RoomMember): void;
  callFinished(result: SystemOutcome): void;
}

export interface RoomMember {
  readonly isAgent: boolean;
  readonly owner: ChannelOwner;
}
