/**
 * The simulated PBX: a TCP server speaking AMI as Asterisk 22 does (banner "Asterisk Call
 * Manager/11.0.0", research §1.7), playing out calls from a seeded model (sim-model.ts) the way
 * docs/asterisk/extensions.conf does on a real Asterisk. For the demo and fast tests; the integration
 * suite also runs the same adapter against a real Asterisk (test/integration/asterisk).
 */
import net from 'node:net';
import type { SystemOutcome } from '../../domain/calls/call-outcome.js';
import type { Logger } from '../../ports/logger.js';
import { AgentLeg } from './agent-leg.js';
import type { AmiFields, AmiMessageIn } from './ami-codec.js';
import { CustomerCall } from './customer-call.js';
import { coreShowChannelItems, parseOriginate } from './sim-actions.js';
import type { PbxCore, RoomMember, SimChannel, SimPbxStats } from './sim-channel.js';
import { parseSimModel, planCall, SIM_OUTCOMES, type SimModel, type SimOutcome } from './sim-model.js';
import { AmiSession, type CallAction, type SessionHost } from './sim-session.js';

export type { SimPbxStats } from './sim-channel.js';

export interface SimPbxOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  user?: string;
  secret?: string;
  seed?: number | string;
  /** Validated with parseSimModel; a bad field is refused with its name. */
  model?: unknown;
  /** Multiplies every simulated delay: 0.1 runs ten times faster. */
  timeScale?: number;
  /** manager.conf channelvars. */
  channelVars?: readonly string[];
  /** asterisk.conf systemname: prefixes generated Uniqueids and adds a SystemName header. */
  systemName?: string;
  /** Asterisk sleeps 1 s before refusing a login (manager.c action_login). Not scaled. */
  authFailureDelayMs?: number;
  logger?: Logger;
}

type ForcedRule = { readonly match: (number: string) => boolean; readonly outcome: SimOutcome };

function emptyStats(): SimPbxStats {
  return {
    connections: 0,
    logins: 0,
    loginFailures: 0,
    actions: {},
    originates: 0,
    agentLegs: 0,
    answered: 0,
    humanWaiting: 0,
    connected: 0,
    dropped: 0,
    backstopDrops: 0,
    planned: Object.fromEntries(SIM_OUTCOMES.map((o) => [o, 0])) as Record<SimOutcome, number>,
    results: {},
    activeCalls: 0,
    activeChannels: 0,
  };
}

export class SimPbx implements PbxCore, SessionHost {
  readonly model: SimModel;
  readonly channelVars: readonly string[];
  readonly counters: SimPbxStats = emptyStats();
  private readonly server = net.createServer((socket) => this.sessions.add(new AmiSession(socket, this)));
  private readonly sessions = new Set<AmiSession>();
  private readonly channels = new Map<string, SimChannel>();
  private readonly rooms = new Map<string, Set<RoomMember>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly forced: ForcedRule[] = [];
  private ignored = new Set<string>();
  private readonly timeScale: number;
  private readonly seed: number | string;
  private channelSeq = 0;
  private uniqueSeq = 0;
  private boundPort = 0;

  constructor(private readonly options: SimPbxOptions = {}) {
    this.model = parseSimModel(options.model ?? {});
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0))
      throw new RangeError(`timeScale must be above 0, got ${String(options.timeScale)}`);
    this.seed = options.seed ?? 1;
    this.channelVars = options.channelVars ?? ['ATTEMPTID', 'LEADID', 'CAMPAIGNID'];
  }

  get port(): number {
    return this.boundPort;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.host, () => resolve());
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : 0;
    this.options.logger?.info(
      { host: this.host, port: this.boundPort, seed: this.seed },
      'sim.pbx.listening',
    );
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.dropAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Test hook: cuts every AMI session at once; calls in progress go on, as on a real Asterisk. */
  dropAllConnections(): void {
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
  }

  stats(): SimPbxStats {
    return structuredClone({
      ...this.counters,
      connections: this.sessions.size,
      activeChannels: this.channels.size,
    });
  }

  /** Test hook: numbers ending in `suffix` (or matching the predicate) get `outcome` from now on. */
  forceOutcome(match: string | ((number: string) => boolean), outcome: SimOutcome): void {
    this.forced.unshift({ match: typeof match === 'string' ? (n) => n.endsWith(match) : match, outcome });
  }

  clearForcedOutcomes(): void {
    this.forced.length = 0;
  }

  /** Test hook: these actions get no response at all (to exercise timeouts and the heartbeat). */
  ignoreActions(names: readonly string[]): void {
    this.ignored = new Set(names.map((n) => n.toLowerCase()));
  }

  /** Test hook: writes raw bytes to every logged-in session, cut at the given byte offsets. */
  async broadcastRaw(
    payload: string,
    options: { splitAt?: readonly number[]; gapMs?: number } = {},
  ): Promise<void> {
    const bytes = Buffer.from(payload, 'utf8');
    const cuts = [...new Set([0, ...(options.splitAt ?? []), bytes.length])]
      .filter((c) => c >= 0 && c <= bytes.length)
      .sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const piece = bytes.subarray(cuts[i], cuts[i + 1]);
      for (const session of this.sessions) if (session.isAuthenticated) session.socket.write(piece);
      if (i + 2 < cuts.length) await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 1));
    }
  }

  // ---- PbxCore, used by the calls -------------------------------------------------------------

  emitEvent(event: string, privilege: string, fields: AmiFields): void {
    const head: AmiFields = [
      ['Event', event],
      ['Privilege', privilege],
      ['Timestamp', (Date.now() / 1000).toFixed(6)],
    ];
    if (this.options.systemName) head.push(['SystemName', this.options.systemName]);
    const message = [...head, ...fields];
    for (const session of this.sessions) if (session.wants(privilege)) session.write(message);
  }

  schedule(modelMs: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, modelMs * this.timeScale),
    );
    this.timers.add(timer);
    return timer;
  }

  channelSuffix(): string {
    this.channelSeq += 1;
    return this.channelSeq.toString(16).padStart(8, '0');
  }

  newUniqueid(): string {
    this.uniqueSeq += 1;
    const id = `${Math.floor(Date.now() / 1000)}.${this.uniqueSeq}`;
    return this.options.systemName ? `${this.options.systemName}-${id}` : id;
  }

  addChannel(channel: SimChannel): void {
    this.channels.set(channel.uniqueid, channel);
  }

  removeChannel(channel: SimChannel): void {
    this.channels.delete(channel.uniqueid);
  }

  joinRoom(room: string, member: RoomMember): void {
    const members = this.rooms.get(room) ?? new Set<RoomMember>();
    members.add(member);
    this.rooms.set(room, members);
  }

  /** confbridge.conf customer_user end_marked: when the last agent leaves, the customers are removed. */
  leaveRoom(room: string, member: RoomMember): void {
    const members = this.rooms.get(room);
    if (!members?.delete(member)) return;
    if (member.isAgent && ![...members].some((m) => m.isAgent)) {
      for (const other of [...members]) other.owner.kickFromRoom();
    }
    if (members.size === 0) this.rooms.delete(room);
  }

  callFinished(result: SystemOutcome): void {
    this.counters.results[result] = (this.counters.results[result] ?? 0) + 1;
    this.counters.activeCalls -= 1;
  }

  // ---- SessionHost: the AMI sessions hand over call actions -----------------------------------

  get authFailureDelayMs(): number {
    return this.options.authFailureDelayMs ?? 1_000;
  }

  admit(action: string): boolean {
    this.counters.actions[action] = (this.counters.actions[action] ?? 0) + 1;
    return !this.ignored.has(action.toLowerCase());
  }

  isValidLogin(user: string | undefined, secret: string | undefined): boolean {
    return user === (this.options.user ?? 'dialer') && secret === (this.options.secret ?? 'dialer-secret');
  }

  loginResult(ok: boolean): void {
    if (ok) this.counters.logins += 1;
    else this.counters.loginFailures += 1;
  }

  closed(session: AmiSession): void {
    this.sessions.delete(session);
  }

  callAction(session: AmiSession, action: CallAction, message: AmiMessageIn): void {
    if (action === 'Originate') this.originate(session, message);
    else if (action === 'Redirect') this.redirect(session, message);
    else if (action === 'Hangup') this.hangup(session, message);
    else
      session.replyList(
        message,
        'Channels',
        coreShowChannelItems(this.channels.values(), this.channelVars, message.get('ActionID')),
        'CoreShowChannelsComplete',
      );
  }

  private originate(session: AmiSession, message: AmiMessageIn): void {
    const decision = parseOriginate(
      message,
      (id) => this.channels.has(id),
      () => this.newUniqueid(),
    );
    if (decision.kind === 'error') return session.reply(message, 'Error', [['Message', decision.message]]);
    session.reply(message, 'Success', [['Message', 'Originate successfully queued']]);
    if (decision.kind === 'no-channel') {
      setImmediate(() => this.emitEvent('OriginateResponse', 'call,all', decision.fields));
      return;
    }
    if (decision.kind === 'agent') {
      setImmediate(() => new AgentLeg(this, decision.request).start());
      return;
    }
    const { request } = decision;
    const rule = this.forced.find((r) => r.match(request.number));
    const plan = planCall(this.model, this.seed, request.number, request.channelId, rule?.outcome);
    this.counters.originates += 1;
    this.counters.activeCalls += 1;
    // The ack goes first; the dial thread starts after it (manager.c fast_originate).
    setImmediate(() => new CustomerCall(this, request, plan).start());
  }

  private redirect(session: AmiSession, message: AmiMessageIn): void {
    const name = message.get('Channel') ?? '';
    const channel = this.findChannel(name);
    if (!channel) return session.reply(message, 'Error', [['Message', `Channel does not exist: ${name}`]]);
    const error = channel.owner.redirect(channel, message.get('Context') ?? '', message.get('Exten') ?? '');
    if (error) return session.reply(message, 'Error', [['Message', error]]);
    session.reply(message, 'Success', [['Message', 'Redirect successful']]);
  }

  private hangup(session: AmiSession, message: AmiMessageIn): void {
    const channel = this.findChannel(message.get('Channel') ?? '');
    if (!channel) return session.reply(message, 'Error', [['Message', 'No such channel']]);
    const cause = Number(message.get('Cause') ?? 16);
    session.reply(message, 'Success', [['Message', 'Channel Hungup']]);
    channel.owner.hangupByDialer(channel, Number.isInteger(cause) && cause > 0 ? cause : 16);
  }

  private findChannel(name: string): SimChannel | undefined {
    for (const channel of this.channels.values()) if (channel.name === name) return channel;
    return undefined;
  }
}

/** Starts a simulated PBX; resolves once it listens. */
export async function startSimPbx(options: SimPbxOptions = {}): Promise<SimPbx> {
  return new SimPbx(options).listen();
}
