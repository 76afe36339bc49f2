/**
 * Nailed-up agent legs (research §3, model A). Each leg is originated with
 * ChannelId = agentleg-<room>-<n> into [agent-login] (docs/asterisk/extensions.conf); it is up on
 * UserEvent AgentLegUp or its ConfbridgeJoin, down on UserEvent AgentLegDown, its ConfbridgeLeave or
 * Hangup, or an OriginateResponse Failure (the phone never answered). Each transition is reported once.
 */
import type { TelephonyEvent } from '../../ports/telephony.js';
import type { AmiEvent } from './ami-types.js';

export const AGENT_LEG_PREFIX = 'agentleg-';
const ADOPTABLE_LEG = /^agentleg-([A-Za-z0-9]+)-\d+$/;

export interface AgentLegRecord {
  readonly room: string;
  readonly channelId: string;
  readonly actionId: string;
  channel: string | undefined;
  isUp: boolean;
  isDown: boolean;
}

export class AgentLegTracker {
  private readonly byUniqueid = new Map<string, AgentLegRecord>();
  private readonly byActionId = new Map<string, AgentLegRecord>();
  /** Starts at the clock so ChannelIds stay unique across dialer restarts (Asterisk refuses duplicates). */
  private seq = Date.now();

  constructor(
    private readonly emit: (event: TelephonyEvent) => void,
    /** How long a finished leg's ids stay known, so its last events are recognised and ignored. */
    private readonly lingerMs: number,
  ) {}

  create(room: string, actionId: string): AgentLegRecord {
    this.seq += 1;
    const leg: AgentLegRecord = {
      room,
      channelId: `${AGENT_LEG_PREFIX}${room}-${this.seq}`,
      actionId,
      channel: undefined,
      isUp: false,
      isDown: false,
    };
    this.track(leg);
    return leg;
  }

  untrack(leg: AgentLegRecord): void {
    for (const [id, owner] of this.byUniqueid) if (owner === leg) this.byUniqueid.delete(id);
    this.byActionId.delete(leg.actionId);
  }

  all(): AgentLegRecord[] {
    return [...new Set(this.byUniqueid.values())];
  }

  /** Legs of the room that are still up and whose channel name is known. */
  live(room: string): AgentLegRecord[] {
    return this.all().filter((leg) => leg.room === room && !leg.isDown && leg.channel !== undefined);
  }

  /** Returns true when the event belonged to an agent leg. */
  onEvent(event: AmiEvent): boolean {
    const h = event.headers;
    const leg =
      event.event === 'OriginateResponse'
        ? h.ActionID === undefined
          ? undefined
          : this.byActionId.get(h.ActionID)
        : ((h.Uniqueid ? this.byUniqueid.get(h.Uniqueid) : undefined) ??
          (h.DestUniqueid ? this.byUniqueid.get(h.DestUniqueid) : undefined));
    if (!leg) return false;
    const isLeg = h.Uniqueid === leg.channelId && event.event !== 'OriginateResponse';
    if (isLeg && h.Channel) leg.channel = h.Channel;
    const isUp =
      (event.event === 'UserEvent' && h.UserEvent === 'AgentLegUp') ||
      (event.event === 'ConfbridgeJoin' && isLeg);
    const isDown =
      (event.event === 'UserEvent' && h.UserEvent === 'AgentLegDown') ||
      (isLeg && (event.event === 'ConfbridgeLeave' || event.event === 'Hangup')) ||
      (event.event === 'OriginateResponse' && !/^success$/i.test(h.Response ?? ''));
    if (isUp && !leg.isUp && !leg.isDown) {
      leg.isUp = true;
      this.emit({
        kind: 'agent-leg-up',
        room: leg.room,
        channel: leg.channel ?? h.Channel ?? '',
        at: event.receivedAt,
      });
    }
    if (isDown) this.down(leg, event.receivedAt);
    return true;
  }

  down(leg: AgentLegRecord, at: Date): void {
    if (leg.isDown) return;
    leg.isDown = true;
    this.emit({ kind: 'agent-leg-down', room: leg.room, at });
    setTimeout(() => this.untrack(leg), this.lingerMs).unref();
  }

  /** After a reconnect: legs that vanished are down; unknown legs in agent-login (a restart) are adopted. */
  resync(live: ReadonlyMap<string, AmiEvent>, at: Date): void {
    for (const leg of this.all()) if (!leg.isDown && leg.isUp && !live.has(leg.channelId)) this.down(leg, at);
    for (const [uniqueid, item] of live) {
      const room = ADOPTABLE_LEG.exec(uniqueid)?.[1];
      if (!room || this.byUniqueid.has(uniqueid) || item.headers.Context !== 'agent-login') continue;
      const leg: AgentLegRecord = {
        room,
        channelId: uniqueid,
        actionId: `adopted-${uniqueid}`,
        channel: item.headers.Channel,
        isUp: true,
        isDown: false,
      };
      this.track(leg);
      this.emit({ kind: 'agent-leg-up', room, channel: leg.channel ?? '', at });
    }
  }

  private track(leg: AgentLegRecord): void {
    for (const id of [leg.channelId, `${leg.channelId}-2`, `${leg.channelId};2`])
      this.byUniqueid.set(id, leg);
    this.byActionId.set(leg.actionId, leg);
  }
}
