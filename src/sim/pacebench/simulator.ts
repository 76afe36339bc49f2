/**
 * pacebench's discrete-event simulator (research/pacing.md §5.1): agents with schedules and breaks, a
 * dial lifecycle over pre-drawn destinies (busy/SIT/no-answer resolution, AMD on answer with false
 * positives and negatives, connect to the longest-idle agent or hold up to the grace, then abandon),
 * the policy asked every tick and whenever an agent frees up, every answer through `clampDials`.
 * Deterministic: seeded streams, ties broken by insertion order, no clock.
 */
import type {
  CallPhase,
  PacingAgentState,
  PacingObservation,
  PacingPolicy,
} from '../../domain/pacing/pacing-policy.js';
import {
  activeAgents,
  callsInFlight,
  clampDials,
  liveDropTarget,
} from '../../domain/pacing/pacing-policy.js';
import type { CompiledWorkload, Destiny } from './destiny.js';
import { compileWorkload, drawDestiny } from './destiny.js';
import { EventQueue } from './event-queue.js';
import type { PacebenchMetrics } from './metrics.js';
import { DAY_SECONDS, HOUR_SECONDS, MetricsCollector } from './metrics.js';
import { streamRng } from './rng.js';
import type { Workload } from './workload.js';

const FTC_WINDOW_SECONDS = 30 * DAY_SECONDS;
const WORKING_DAYS_PER_WEEK = 5;
const DAYS_PER_WEEK = 7;
/** Rotating breaks start at a spread-out minute of their hour, at most this late. */
const BREAK_START_SPREAD_MINUTES = 45;

const enum Kind {
  Tick,
  DayEnd,
  Login,
  Logout,
  PauseStart,
  PauseEnd,
  TalkEnd,
  WrapEnd,
  Resolve,
  Answer,
  AmdDone,
  GraceEnd,
}

type AgentState = 'out' | PacingAgentState;

/** Something held at a position of one of the observation's lists (−1 when in none). */
interface Slotted {
  slot: number;
}

/** Removes the entry at `slot` from parallel lists by moving the last entry into its place. */
function removeAt<T extends Slotted>(values: number[], owners: T[], slot: number): void {
  const last = values.length - 1;
  const moved = owners[last] as T;
  values[slot] = values[last] as number;
  owners[slot] = moved;
  moved.slot = slot;
  values.pop();
  owners.pop();
}

interface SimAgent {
  index: number;
  state: AgentState;
  since: number;
  gen: number;
  /** Position in the observation's talk or wrap list; −1 in other states. */
  slot: number;
  /** Invalidates stale entries of the idle queue. */
  idleToken: number;
  pendingLogout: boolean;
  /** A scheduled pause that began while busy runs until this instant, once the call is done. */
  pendingPauseUntil: number;
  call: SimCall | null;
}

interface SimCall {
  id: number;
  destiny: Destiny;
  dialedAt: number;
  answeredAt: number;
  phase: CallPhase;
  /** Position in the observation's list of calls ringing; −1 once answered. */
  slot: number;
  isDone: boolean;
  liveIndex: number;
}

export interface Trace {
  /** Called for every dial with the lead's index and its destiny. */
  onDial?(lead: number, destiny: Destiny, atSeconds: number): void;
}

export interface SimulationOptions {
  seed: number;
  /** Shorten each day's shift to this many hours. */
  hours?: number;
  trace?: Trace;
}

export interface SimulationResult {
  metrics: PacebenchMetrics;
  events: number;
}

function calendarDay(workingDay: number): number {
  return (
    Math.floor(workingDay / WORKING_DAYS_PER_WEEK) * DAYS_PER_WEEK + (workingDay % WORKING_DAYS_PER_WEEK)
  );
}

export function simulate(
  workload: Workload,
  policy: PacingPolicy,
  options: SimulationOptions,
): SimulationResult {
  return new Simulation(compileWorkload(workload), policy, options).run();
}

class Simulation {
  private readonly w: Workload;
  private readonly queue = new EventQueue();
  private readonly metrics: MetricsCollector;
  private readonly agents: SimAgent[] = [];
  // The observation's lists, kept up to date as agents and calls change state, each beside the
  // agents or calls its entries belong to (so an entry can be removed in O(1)).
  private readonly talkSince: number[] = [];
  private readonly talkAgents: SimAgent[] = [];
  private readonly wrapSince: number[] = [];
  private readonly wrapAgents: SimAgent[] = [];
  private readonly placedAt: number[] = [];
  private readonly placedCalls: SimCall[] = [];
  private readonly agentsObs = { idle: 0, paused: 0, talkSince: this.talkSince, wrapSince: this.wrapSince };
  private readonly callsObs = { placedAt: this.placedAt, amd: 0, waitingForAgent: 0 };
  private readonly calls = new Map<number, SimCall>();
  private idleQueue: { agent: SimAgent; token: number }[] = [];
  private idleHead = 0;
  private waiting: SimCall[] = [];
  private waitingHead = 0;
  private readonly observation: PacingObservation;
  private readonly shiftSeconds: number;
  private now = 0;
  private day = 0;
  private dayStart = 0;
  private dayEnd = 0;
  private dayMultiplier = 1;
  private nextLead = 0;
  private nextCallId = 0;
  private events = 0;

  constructor(
    private readonly c: CompiledWorkload,
    private readonly policy: PacingPolicy,
    private readonly options: SimulationOptions,
  ) {
    this.w = c.workload;
    this.shiftSeconds =
      Math.min(this.w.shift.hours, options.hours ?? Number.POSITIVE_INFINITY) * HOUR_SECONDS;
    this.metrics = new MetricsCollector(this.w.abandonment.maxRate, 0);
    let index = 0;
    for (const group of this.w.agents) {
      for (let k = 0; k < group.count; k += 1) {
        this.agents.push({
          index,
          state: 'out',
          since: 0,
          gen: 0,
          slot: -1,
          idleToken: 0,
          pendingLogout: false,
          pendingPauseUntil: 0,
          call: null,
        });
        index += 1;
      }
    }
    this.observation = {
      nowSeconds: 0,
      agents: this.agentsObs,
      calls: this.callsObs,
      caps: { maxLinesPerAgent: this.w.caps.maxLinesPerAgent, trunkCap: this.w.caps.trunkCap },
      target: {
        // Under Ofcom the detector's false positives count as drops; the policy is given the
        // workload's true rate as its estimate (a perfectly calibrated one).
        maxAbandonRate: liveDropTarget(
          this.w.abandonment.maxRate,
          this.w.abandonment.rule === 'Ofcom',
          this.w.amd.falsePositive,
        ),
        windowSeconds: this.w.abandonment.rule === 'FTC' ? FTC_WINDOW_SECONDS : DAY_SECONDS,
      },
    };
  }

  run(): SimulationResult {
    this.startDay(0);
    const queue = this.queue;
    while (queue.pop()) {
      this.now = queue.time;
      this.events += 1;
      this.handle(queue.kind, queue.ref, queue.gen);
    }
    return { metrics: this.metrics.finish(), events: this.events };
  }

  // ---- days and schedules -------------------------------------------------------------------------

  private startDay(day: number): void {
    this.day = day;
    this.dayStart = calendarDay(day) * DAY_SECONDS;
    this.dayEnd = this.dayStart + this.shiftSeconds;
    const warmup = Math.min(this.w.shift.warmupMinutes * 60, this.shiftSeconds);
    this.metrics.startDay(this.dayStart, this.dayStart + warmup, this.dayEnd);
    const dayRng = streamRng(this.options.seed, 'day', day);
    this.dayMultiplier = this.c.dailyMultiplier ? this.c.dailyMultiplier(dayRng.next(), dayRng.next()) : 1;
    const at = (hours: number) => this.dayStart + hours * HOUR_SECONDS;
    let index = 0;
    for (const group of this.w.agents) {
      for (let k = 0; k < group.count; k += 1) {
        const agent = this.agents[index] as SimAgent;
        const loginAt = at(group.loginHours) + (group.staggerMinutes * 60 * k) / group.count;
        if (loginAt < this.dayEnd) {
          this.queue.push(loginAt, Kind.Login, index, agent.gen);
          if (at(group.logoutHours) < this.dayEnd)
            this.queue.push(at(group.logoutHours), Kind.Logout, index, agent.gen);
          for (const pause of group.pauses) {
            if (at(pause.atHours) < this.dayEnd) {
              this.queue.push(at(pause.atHours), Kind.PauseStart, index, pause.minutes * 60);
            }
          }
          this.scheduleBreaks(agent, loginAt);
        }
        index += 1;
      }
    }
    this.queue.push(this.dayStart, Kind.Tick, 0, 0);
    this.queue.push(this.dayEnd, Kind.DayEnd, 0, 0);
  }

  /** W5's rotating breaks: agent k pauses in hour h when (k + h) is a multiple of 1/fraction. */
  private scheduleBreaks(agent: SimAgent, loginAt: number): void {
    const breaks = this.w.breaks;
    if (!breaks || breaks.fractionPerHour <= 0) return;
    const period = Math.max(1, Math.round(1 / breaks.fractionPerHour));
    for (let h = 0; this.dayStart + h * HOUR_SECONDS < this.dayEnd; h += 1) {
      if ((agent.index + h) % period !== 0) continue;
      const minute = (agent.index * 37 + h * 11) % BREAK_START_SPREAD_MINUTES;
      const startAt = this.dayStart + h * HOUR_SECONDS + minute * 60;
      if (startAt > loginAt && startAt < this.dayEnd) {
        this.queue.push(startAt, Kind.PauseStart, agent.index, breaks.minutes * 60);
      }
    }
  }

  private endDay(): void {
    for (const call of [...this.calls.values()]) this.finishCall(call);
    for (const agent of this.agents) {
      if (agent.state !== 'out') this.logOut(agent);
      agent.call = null;
      agent.pendingLogout = false;
      agent.pendingPauseUntil = 0;
    }
    this.idleQueue = [];
    this.idleHead = 0;
    this.waiting = [];
    this.waitingHead = 0;
    if (this.day + 1 < this.w.shift.days) this.startDay(this.day + 1);
  }

  // ---- agents -------------------------------------------------------------------------------------

  private setState(agent: SimAgent, state: AgentState): void {
    const agents = this.agentsObs;
    switch (agent.state) {
      case 'out':
        break;
      case 'idle':
        agents.idle -= 1;
        break;
      case 'paused':
        agents.paused -= 1;
        break;
      case 'talk':
        removeAt(this.talkSince, this.talkAgents, agent.slot);
        break;
      case 'wrap':
        removeAt(this.wrapSince, this.wrapAgents, agent.slot);
        break;
    }
    if (agent.state !== 'out') this.metrics.accrue(agent.state, agent.since, this.now);
    agent.state = state;
    agent.since = this.now;
    agent.slot = -1;
    switch (state) {
      case 'out':
        break;
      case 'idle':
        agents.idle += 1;
        break;
      case 'paused':
        agents.paused += 1;
        break;
      case 'talk':
        agent.slot = this.talkSince.length;
        this.talkSince.push(this.now);
        this.talkAgents.push(agent);
        break;
      case 'wrap':
        agent.slot = this.wrapSince.length;
        this.wrapSince.push(this.now);
        this.wrapAgents.push(agent);
        break;
    }
  }

  private logOut(agent: SimAgent): void {
    this.setState(agent, 'out');
    agent.gen += 1;
    agent.idleToken += 1;
    agent.pendingLogout = false;
  }

  /** The agent is free: log out or pause if due, else take a waiting call or go idle and pace. */
  private release(agent: SimAgent): void {
    if (agent.pendingLogout) {
      this.logOut(agent);
      return;
    }
    if (agent.pendingPauseUntil > this.now) {
      this.setState(agent, 'paused');
      this.queue.push(agent.pendingPauseUntil, Kind.PauseEnd, agent.index, agent.gen);
      agent.pendingPauseUntil = 0;
      return;
    }
    agent.pendingPauseUntil = 0;
    this.setState(agent, 'idle');
    agent.idleToken += 1;
    this.idleQueue.push({ agent, token: agent.idleToken });
    const call = this.nextWaitingCall();
    if (call) this.connect(call, this.takeIdleAgent() as SimAgent);
    this.pace();
  }

  private takeIdleAgent(): SimAgent | null {
    while (this.idleHead < this.idleQueue.length) {
      const entry = this.idleQueue[this.idleHead] as { agent: SimAgent; token: number };
      this.idleHead += 1;
      if (entry.token === entry.agent.idleToken && entry.agent.state === 'idle') {
        if (this.idleHead > 1024 && this.idleHead * 2 > this.idleQueue.length) {
          this.idleQueue = this.idleQueue.slice(this.idleHead);
          this.idleHead = 0;
        }
        return entry.agent;
      }
    }
    return null;
  }

  private nextWaitingCall(): SimCall | null {
    while (this.waitingHead < this.waiting.length) {
      const call = this.waiting[this.waitingHead] as SimCall;
      this.waitingHead += 1;
      if (!call.isDone) return call;
    }
    return null;
  }

  // ---- calls --------------------------------------------------------------------------------------

  private humanMultiplier(): number {
    const profile = this.w.answerProfile;
    if (!profile) return this.dayMultiplier;
    const hoursIn = (this.now - this.dayStart) / HOUR_SECONDS;
    let m = this.dayMultiplier;
    if (profile.hourly) {
      const i = Math.min(profile.hourly.length - 1, Math.max(0, Math.floor(hoursIn)));
      m *= profile.hourly[i] as number;
    }
    for (const burst of profile.bursts) {
      if (hoursIn >= burst.atHours && hoursIn < burst.atHours + burst.minutes / 60) m *= burst.multiplier;
    }
    for (const step of profile.steps) if (hoursIn >= step.atHours) m *= step.multiplier;
    return m;
  }

  private pace(): void {
    if (this.now >= this.dayEnd) return;
    (this.observation as { nowSeconds: number }).nowSeconds = this.now;
    const dials = clampDials(this.observation, this.policy.decide(this.observation));
    if (dials <= 0) return;
    this.metrics.dialed(dials);
    const multiplier = this.humanMultiplier();
    for (let k = 0; k < dials; k += 1) this.dial(multiplier);
  }

  private dial(multiplier: number): void {
    const lead = this.nextLead;
    this.nextLead += 1;
    const destiny = drawDestiny(this.c, this.options.seed, lead, multiplier);
    this.options.trace?.onDial?.(lead, destiny, this.now);
    const call: SimCall = {
      id: this.nextCallId,
      destiny,
      dialedAt: this.now,
      answeredAt: 0,
      phase: 'ringing',
      slot: this.placedAt.length,
      isDone: false,
      liveIndex: -1,
    };
    this.nextCallId += 1;
    this.calls.set(call.id, call);
    this.placedAt.push(this.now);
    this.placedCalls.push(call);
    const at = this.now + destiny.resolveAfterSeconds;
    const isAnswered = destiny.outcome === 'human' || destiny.outcome === 'machine';
    this.queue.push(at, isAnswered ? Kind.Answer : Kind.Resolve, call.id, 0);
  }

  /** The call leaves the in-flight lists (resolved, connected, abandoned or cut at day end). */
  private finishCall(call: SimCall): void {
    if (call.isDone) return;
    call.isDone = true;
    this.calls.delete(call.id);
    this.leavePhase(call);
  }

  private setPhase(call: SimCall, phase: 'amd' | 'waiting-for-agent'): void {
    this.leavePhase(call);
    call.phase = phase;
    if (phase === 'amd') this.callsObs.amd += 1;
    else this.callsObs.waitingForAgent += 1;
  }

  private leavePhase(call: SimCall): void {
    const calls = this.callsObs;
    if (call.phase === 'amd') calls.amd -= 1;
    else if (call.phase === 'waiting-for-agent') calls.waitingForAgent -= 1;
    else {
      removeAt(this.placedAt, this.placedCalls, call.slot);
      call.slot = -1;
    }
  }

  private resolve(call: SimCall, outcome: 'human' | 'machine' | 'busy' | 'sit' | 'no-answer'): void {
    this.policy.observe({
      kind: 'resolved',
      atSeconds: this.now,
      outcome,
      secondsSinceDial: this.now - call.dialedAt,
    });
  }

  private amdDone(call: SimCall): void {
    const d = call.destiny;
    if (d.outcome === 'human') {
      if (d.isAmdError) {
        // Ofcom counts a live person hung up on as a machine as abandoned; FTC reports it apart.
        this.metrics.falsePositive(this.now);
        this.resolve(call, 'machine');
        this.finishCall(call);
        return;
      }
      call.liveIndex = this.metrics.liveAnswer(this.now);
    } else if (!d.isAmdError) {
      this.resolve(call, 'machine');
      this.finishCall(call);
      return;
    }
    // A live human, or a machine taken for one (false negative): the dialer sees a live answer.
    this.resolve(call, 'human');
    const agent = this.takeIdleAgent();
    if (agent) {
      this.connect(call, agent);
    } else if (this.w.abandonment.graceSeconds > 0) {
      this.setPhase(call, 'waiting-for-agent');
      this.waiting.push(call);
      this.queue.push(this.now + this.w.abandonment.graceSeconds, Kind.GraceEnd, call.id, 0);
    } else {
      this.abandon(call);
    }
  }

  private abandon(call: SimCall): void {
    if (call.liveIndex >= 0) this.metrics.abandon(call.liveIndex);
    this.policy.observe({ kind: 'abandoned', atSeconds: this.now });
    this.finishCall(call);
  }

  private connect(call: SimCall, agent: SimAgent): void {
    const d = call.destiny;
    const idleGap = this.now - agent.since;
    if (d.outcome === 'human') {
      this.metrics.connect(this.now, d.isRightParty, this.now - call.answeredAt, idleGap);
    } else {
      this.metrics.falseNegativeRouted();
    }
    this.policy.observe({
      kind: 'connected',
      atSeconds: this.now,
      waitedSeconds: this.now - call.answeredAt - d.amdDelaySeconds,
    });
    this.finishCall(call);
    agent.call = call;
    this.setState(agent, 'talk');
    this.queue.push(this.now + d.talkSeconds, Kind.TalkEnd, agent.index, agent.gen);
  }

  // ---- dispatch -----------------------------------------------------------------------------------

  private handle(kind: Kind, ref: number, gen: number): void {
    switch (kind) {
      case Kind.Tick: {
        this.metrics.sampleLines(callsInFlight(this.observation), activeAgents(this.observation));
        this.pace();
        const next = this.now + this.w.tickSeconds;
        if (next < this.dayEnd) this.queue.push(next, Kind.Tick, 0, 0);
        return;
      }
      case Kind.DayEnd:
        this.endDay();
        return;
      case Kind.Login: {
        const agent = this.agents[ref] as SimAgent;
        if (agent.gen !== gen || agent.state !== 'out') return;
        this.release(agent);
        return;
      }
      case Kind.Logout: {
        const agent = this.agents[ref] as SimAgent;
        if (agent.gen !== gen) return;
        if (agent.state === 'idle' || agent.state === 'paused') this.logOut(agent);
        else if (agent.state !== 'out') agent.pendingLogout = true;
        return;
      }
      case Kind.PauseStart: {
        // `gen` carries the pause length here: pauses apply to whoever is logged in at the time.
        const agent = this.agents[ref] as SimAgent;
        const until = this.now + gen;
        if (agent.state === 'idle') {
          agent.idleToken += 1;
          this.setState(agent, 'paused');
          this.queue.push(until, Kind.PauseEnd, agent.index, agent.gen);
        } else if (agent.state === 'talk' || agent.state === 'wrap') {
          agent.pendingPauseUntil = Math.max(agent.pendingPauseUntil, until);
        }
        return;
      }
      case Kind.PauseEnd: {
        const agent = this.agents[ref] as SimAgent;
        if (agent.gen !== gen || agent.state !== 'paused') return;
        this.release(agent);
        return;
      }
      case Kind.TalkEnd: {
        const agent = this.agents[ref] as SimAgent;
        if (agent.gen !== gen || agent.state !== 'talk') return;
        this.setState(agent, 'wrap');
        this.queue.push(
          this.now + (agent.call?.destiny.wrapSeconds ?? 0),
          Kind.WrapEnd,
          agent.index,
          agent.gen,
        );
        return;
      }
      case Kind.WrapEnd: {
        const agent = this.agents[ref] as SimAgent;
        if (agent.gen !== gen || agent.state !== 'wrap') return;
        const d = agent.call?.destiny;
        if (d) {
          this.policy.observe({
            kind: 'handled',
            atSeconds: this.now,
            talkSeconds: d.talkSeconds,
            wrapSeconds: d.wrapSeconds,
          });
        }
        agent.call = null;
        this.release(agent);
        return;
      }
      case Kind.Resolve: {
        const call = this.calls.get(ref);
        if (!call) return;
        this.resolve(call, call.destiny.outcome);
        this.finishCall(call);
        return;
      }
      case Kind.Answer: {
        const call = this.calls.get(ref);
        if (!call) return;
        call.answeredAt = this.now;
        this.setPhase(call, 'amd');
        this.queue.push(this.now + call.destiny.amdDelaySeconds, Kind.AmdDone, call.id, 0);
        return;
      }
      case Kind.AmdDone: {
        const call = this.calls.get(ref);
        if (call) this.amdDone(call);
        return;
      }
      case Kind.GraceEnd: {
        const call = this.calls.get(ref);
        if (call && call.phase === 'waiting-for-agent') this.abandon(call);
        return;
      }
    }
  }
}
