/**
 * AmiTelephony + AmiClient against the simulated PBX over TCP, outcome by outcome. Numbers ending in
 * 55501CC force the outcome (src/sim/pbx/sim-model.ts); the same numbers drive the real-Asterisk
 * suite (test/integration/asterisk).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmiClient } from '../../../src/adapters/ami/ami-client.js';
import { AmiTelephony } from '../../../src/adapters/ami/ami-telephony.js';
import { classifyCallEnd, type SystemOutcome } from '../../../src/domain/calls/call-outcome.js';
import type { OriginateRequest, TelephonyEvent } from '../../../src/ports/telephony.js';
import { startSimPbx, type SimPbx } from '../../../src/sim/pbx/sim-pbx-server.js';
import { originateRequests, waitFor } from '../../support/ami-test-helpers.js';

const USER = 'dialer';
const SECRET = 'test-secret';
const ROOM = 'agent1001';
/** Settle after the primary Hangup; the sim sends everything in one burst. */
const SETTLE_MS = 100;

type Ended = Extract<TelephonyEvent, { kind: 'ended' }>;

const request = originateRequests('att');

describe('AmiTelephony against the simulated PBX', () => {
  let pbx: SimPbx;
  let telephony: AmiTelephony;
  let events: TelephonyEvent[];

  const ofAttempt = (attemptId: string) =>
    events.filter((e) => 'attemptId' in e && e.attemptId === attemptId);
  const kinds = (attemptId: string) => ofAttempt(attemptId).map((e) => e.kind);
  const ended = (attemptId: string) =>
    waitFor(
      () => events.find((e): e is Ended => e.kind === 'ended' && e.attemptId === attemptId),
      `ended of ${attemptId}`,
    );
  const nextEvent = <K extends TelephonyEvent['kind']>(kind: K, attemptId: string) =>
    waitFor(
      () =>
        events.find(
          (e): e is Extract<TelephonyEvent, { kind: K }> =>
            e.kind === kind && 'attemptId' in e && e.attemptId === attemptId,
        ),
      `${kind} of ${attemptId}`,
    );

  /** Runs one attempt to its end and checks the one-`ended` rule. */
  async function dial(req: OriginateRequest): Promise<SystemOutcome> {
    await telephony.originate(req);
    const end = await ended(req.attemptId);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * 3));
    expect(kinds(req.attemptId).filter((k) => k === 'ended')).toHaveLength(1);
    return classifyCallEnd(end.evidence);
  }

  beforeAll(async () => {
    pbx = await startSimPbx({ user: USER, secret: SECRET, timeScale: 0.05, authFailureDelayMs: 20 });
  });
  afterAll(async () => {
    await pbx.close();
  });

  async function open(reconnectMs = 20): Promise<void> {
    events = [];
    const client = new AmiClient(
      { host: pbx.host, port: pbx.port, user: USER, secret: SECRET },
      { reconnectMinMs: reconnectMs, reconnectMaxMs: reconnectMs },
    );
    telephony = new AmiTelephony(client, {
      dialChannelTemplate: 'Local/{number}@dialer-dial/n',
      settleMs: SETTLE_MS,
    });
    telephony.onEvent((e) => events.push(e));
    await client.connect();
    await waitFor(() => telephony.isReady, 'link up after resync');
  }

  afterEach(async () => {
    await telephony.close();
  });

  it.each([
    ['03', 'busy', { busy: 17, tech: 486 }],
    ['05', 'invalid-number', { busy: 1, tech: 404 }],
    ['06', 'congestion', { busy: 34, tech: 503 }],
  ] as const)('number …55501%s ends %s with the far end cause', async (code, outcome, causes) => {
    await open();
    const req = request(code);
    expect(await dial(req)).toBe(outcome);
    const end = events.find((e): e is Ended => e.kind === 'ended' && e.attemptId === req.attemptId);
    expect(end?.evidence.hangupCause).toBe(causes.busy);
    expect(end?.evidence.techCause).toBe(causes.tech);
    expect(end?.evidence.hadChannel).toBe(true);
  });

  it('a ring longer than the Originate Timeout ends no-answer', async () => {
    await open();
    const req = request('04', { ringTimeoutMs: 2_000 });
    expect(await dial(req)).toBe('no-answer');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'ended']);
    expect(
      events.find((e): e is Ended => e.kind === 'ended' && e.attemptId === req.attemptId)?.evidence
        .originateReason,
    ).toBe(3);
  });

  it('an answering machine ends machine after the AMD verdict', async () => {
    await open();
    const req = request('02', { amd: true });
    expect(await dial(req)).toBe('machine');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'amd', 'ended']);
    expect(ofAttempt(req.attemptId).find((e) => e.kind === 'amd')).toMatchObject({ status: 'MACHINE' });
  });

  it('leaves the campaign’s message on an answering machine when asked (MACHINE_MSG)', async () => {
    await open();
    const req = request('02', { amd: true, machineMessage: 'custom/lcm-us' });
    expect(await dial(req)).toBe('machine');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'amd', 'machine-message', 'ended']);
    const end = events.find((e): e is Ended => e.kind === 'ended' && e.attemptId === req.attemptId);
    expect(end?.evidence.wasMachineMessageLeft).toBe(true);
  });

  it('a human waits, is connected to the agent room and ends connected', async () => {
    await open();
    await telephony.originateAgentLeg({ agentId: '1001', room: ROOM, endpoint: `PJSIP/${ROOM}` });
    const legUp = await waitFor(() => events.find((e) => e.kind === 'agent-leg-up'), 'agent leg up');
    expect(legUp).toMatchObject({ room: ROOM });

    const req = request('01', { amd: true });
    await telephony.originate(req);
    const waiting = await nextEvent('human-waiting', req.attemptId);
    expect(waiting.channel).toMatch(/^Local\/12125550101@dialer-dial-[0-9a-f]{8};1$/);
    await telephony.connect(req.attemptId, waiting.channel, ROOM);
    expect(await nextEvent('connected', req.attemptId)).toMatchObject({ room: ROOM });
    const end = await ended(req.attemptId);
    expect(classifyCallEnd(end.evidence)).toBe('connected');
    expect(kinds(req.attemptId)).toEqual([
      'ringing',
      'answered',
      'amd',
      'human-waiting',
      'connected',
      'ended',
    ]);

    await telephony.hangupAgentLeg(ROOM);
    await waitFor(() => events.find((e) => e.kind === 'agent-leg-down'), 'agent leg down');
    expect(events.filter((e) => e.kind === 'agent-leg-down')).toHaveLength(1);
  });

  it('a human the dialer drops ends abandoned', async () => {
    await open();
    const req = request('09');
    await telephony.originate(req);
    const waiting = await nextEvent('human-waiting', req.attemptId);
    await telephony.drop(req.attemptId, waiting.channel);
    await nextEvent('dropped', req.attemptId);
    expect(classifyCallEnd((await ended(req.attemptId)).evidence)).toBe('abandoned');
    // Research §4.6: once dropped, never redirected to an agent.
    await expect(telephony.connect(req.attemptId, waiting.channel, ROOM)).rejects.toMatchObject({
      code: 'AMI_REJECTED',
    });
  });

  it("a human nobody connects is dropped by the dialplan's backstop", async () => {
    await open();
    const before = pbx.stats().backstopDrops;
    const req = request('09', { backstopDropSeconds: 2 });
    expect(await dial(req)).toBe('abandoned');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'human-waiting', 'dropped', 'ended']);
    expect(pbx.stats().backstopDrops).toBe(before + 1);
  });

  it('the customer hanging up before any connect ends answered-no-agent-hangup', async () => {
    await open();
    expect(await dial(request('08'))).toBe('answered-no-agent-hangup');
  });

  it('the agent hanging up ends a connected call', async () => {
    await open();
    await telephony.originateAgentLeg({
      agentId: '1002',
      room: 'agent1002',
      endpoint: 'Local/agent1002@lab-agent-phone/n',
    });
    await waitFor(
      () => events.find((e) => e.kind === 'agent-leg-up' && e.room === 'agent1002'),
      'agent leg up',
    );
    const req = request('09');
    await telephony.originate(req);
    const waiting = await nextEvent('human-waiting', req.attemptId);
    await telephony.connect(req.attemptId, waiting.channel, 'agent1002');
    await nextEvent('connected', req.attemptId);
    await telephony.hangup(waiting.channel);
    expect(classifyCallEnd((await ended(req.attemptId)).evidence)).toBe('connected');
    await telephony.hangupAgentLeg('agent1002');
    await waitFor(
      () => events.find((e) => e.kind === 'agent-leg-down' && e.room === 'agent1002'),
      'agent leg down',
    );
  });

  it('reports the link going down and, after a reconnect and resync, ends the call that hung up meanwhile', async () => {
    await open(400);
    const req = request('01');
    await telephony.originate(req);
    await nextEvent('human-waiting', req.attemptId);
    pbx.dropAllConnections();
    await waitFor(() => events.find((e) => e.kind === 'link' && !e.up), 'link down');
    expect(telephony.isReady).toBe(false);
    await expect(telephony.originate(request('03'))).rejects.toMatchObject({ code: 'AMI_NOT_READY' });
    // The customer talks 4.46 s of model time (0.22 s here) and hangs up while the link is down.
    const end = await ended(req.attemptId);
    await waitFor(() => telephony.isReady, 'link up');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * 3));
    const links = events.filter((e): e is Extract<TelephonyEvent, { kind: 'link' }> => e.kind === 'link');
    expect(links.map((e) => e.up)).toEqual([true, false, true]);
    // The resync ends the vanished call before it announces the link as up again.
    expect(events.indexOf(end)).toBeGreaterThan(events.indexOf(links[1] as TelephonyEvent));
    expect(events.indexOf(end)).toBeLessThan(events.indexOf(links[2] as TelephonyEvent));
    expect(end.evidence.wasHumanWaiting).toBe(true);
    expect(kinds(req.attemptId).filter((k) => k === 'ended')).toHaveLength(1);
  });

  it('many attempts at once each end exactly once, matching the PBX counters', async () => {
    await open();
    const before = pbx.stats();
    const codes = ['01', '02', '03', '04', '05', '06', '08', '09'];
    const reqs = codes.map((code) =>
      request(code, { amd: true, ringTimeoutMs: 3_000, backstopDropSeconds: 2 }),
    );
    await Promise.all(reqs.map((r) => telephony.originate(r)));
    const outcomes = await Promise.all(
      reqs.map(async (r) => classifyCallEnd((await ended(r.attemptId)).evidence)),
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * 3));
    for (const r of reqs) expect(kinds(r.attemptId).filter((k) => k === 'ended')).toHaveLength(1);
    const after = pbx.stats();
    const counted: Partial<Record<SystemOutcome, number>> = {};
    for (const o of outcomes) counted[o] = (counted[o] ?? 0) + 1;
    const pbxDelta = Object.fromEntries(
      Object.entries(after.results)
        .map(([k, v]) => [k, v - (before.results[k as SystemOutcome] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
    expect(counted).toEqual(pbxDelta);
    expect(after.originates - before.originates).toBe(codes.length);
  });
});
