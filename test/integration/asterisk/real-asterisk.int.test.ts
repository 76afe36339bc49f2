/**
 * The same AmiTelephony as against the simulated PBX, now against a real Asterisk 22 running
 * docs/asterisk/extensions.conf with the lab overlay (simulated customers and agent phones are Local
 * channels; numbers ending 55501CC pick the outcome, as in the simulated PBX). AMD is the real
 * app_amd deciding on the lab's audio (a 1 s beep → HUMAN, the long vm-intro prompt → MACHINE).
 *
 * Fails with a clear message when the Asterisk root cannot be built; DIALER_SKIP_REAL_ASTERISK=1 skips.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmiClient } from '../../../src/adapters/ami/ami-client.js';
import { AmiTelephony } from '../../../src/adapters/ami/ami-telephony.js';
import { classifyCallEnd, type SystemOutcome } from '../../../src/domain/calls/call-outcome.js';
import type { OriginateRequest, TelephonyEvent } from '../../../src/ports/telephony.js';
import { shouldSkipRealAsterisk, startRealAsterisk, type RealAsterisk } from '../../support/real-asterisk.js';
import { originateRequests, waitFor } from '../../support/ami-test-helpers.js';

const ROOM = 'agent1001';
const SETTLE_MS = 200;
type Ended = Extract<TelephonyEvent, { kind: 'ended' }>;

const request = originateRequests('real', { ringTimeoutMs: 15_000, backstopDropSeconds: 30 });
/** A real Asterisk is slower than the simulated PBX: longer waits, slower polls. */
const waitLong = <T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000) =>
  waitFor(probe, what, timeoutMs, 20);

describe.skipIf(shouldSkipRealAsterisk)('AmiTelephony against a real Asterisk 22', () => {
  let asterisk: RealAsterisk;
  let telephony: AmiTelephony;
  const events: TelephonyEvent[] = [];

  const kinds = (attemptId: string) =>
    events.filter((e) => 'attemptId' in e && e.attemptId === attemptId).map((e) => e.kind);
  const ended = (attemptId: string) =>
    waitLong(
      () => events.find((e): e is Ended => e.kind === 'ended' && e.attemptId === attemptId),
      `ended of ${attemptId}`,
    );
  const next = <K extends TelephonyEvent['kind']>(kind: K, attemptId: string) =>
    waitLong(
      () =>
        events.find(
          (e): e is Extract<TelephonyEvent, { kind: K }> =>
            e.kind === kind && 'attemptId' in e && e.attemptId === attemptId,
        ),
      `${kind} of ${attemptId}`,
    );

  async function dial(req: OriginateRequest): Promise<{ outcome: SystemOutcome; end: Ended }> {
    await telephony.originate(req);
    const end = await ended(req.attemptId);
    return { outcome: classifyCallEnd(end.evidence), end };
  }

  beforeAll(async () => {
    asterisk = await startRealAsterisk();
    const client = new AmiClient({
      host: asterisk.host,
      port: asterisk.port,
      user: asterisk.user,
      secret: asterisk.secret,
    });
    telephony = new AmiTelephony(client, {
      dialChannelTemplate: 'Local/{number}@dialer-dial/n',
      settleMs: SETTLE_MS,
    });
    telephony.onEvent((e) => events.push(e));
    await client.connect();
    await waitLong(() => telephony.isReady, 'the AMI link');
  }, 300_000);

  afterEach(async () => {
    // Every attempt of the test has ended exactly once by now (allow the settle time for a duplicate).
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * 2));
    const attemptIds = new Set(events.flatMap((e) => ('attemptId' in e ? [e.attemptId] : [])));
    for (const id of attemptIds)
      expect(
        kinds(id).filter((k) => k === 'ended'),
        `ended events of ${id}`,
      ).toHaveLength(1);
  });

  afterAll(async () => {
    await telephony?.close();
    await asterisk?.stop();
  });

  it('busy: Dial() reports BUSY, OriginateResponse Reason 5', async () => {
    const { outcome, end } = await dial(request('03'));
    expect(outcome).toBe('busy');
    expect(end.evidence).toMatchObject({
      dialStatusFromDialplan: 'BUSY',
      originateReason: 5,
      hadChannel: true,
      wasAnswered: false,
    });
  });

  it('no-answer: the Originate Timeout ends a ringing call (Reason 3, cause 19)', async () => {
    const req = request('04', { ringTimeoutMs: 2_000 });
    const { outcome, end } = await dial(req);
    expect(outcome).toBe('no-answer');
    expect(end.evidence).toMatchObject({ originateReason: 3, hangupCause: 19, dialStatus: 'CANCEL' });
    expect(kinds(req.attemptId)).toEqual(['ringing', 'ended']);
  });

  it('invalid number: CHANUNAVAIL with the far end cause 1', async () => {
    const { outcome, end } = await dial(request('05'));
    expect(outcome).toBe('invalid-number');
    expect(end.evidence).toMatchObject({
      dialStatusFromDialplan: 'CHANUNAVAIL',
      hangupCause: 1,
      originateReason: 8,
    });
  });

  it('congestion: Dial() reports CONGESTION, Reason 8', async () => {
    const { outcome, end } = await dial(request('06'));
    expect(outcome).toBe('congestion');
    expect(end.evidence).toMatchObject({ dialStatusFromDialplan: 'CONGESTION', originateReason: 8 });
  });

  it('machine: app_amd hears the long greeting and says MACHINE', async () => {
    const req = request('02', { amd: true });
    const { outcome } = await dial(req);
    expect(outcome).toBe('machine');
    expect(events.find((e) => e.kind === 'amd' && e.attemptId === req.attemptId)).toMatchObject({
      status: 'MACHINE',
    });
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'amd', 'ended']);
  });

  it('machine with MACHINE_MSG: waits for the greeting to end, plays the message, reports it', async () => {
    const req = request('02', { amd: true, machineMessage: 'vm-goodbye' });
    const { outcome, end } = await dial(req);
    expect(outcome).toBe('machine');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'amd', 'machine-message', 'ended']);
    expect(end.evidence.wasMachineMessageLeft).toBe(true);
  });

  it('human: waits, is connected into the room of a nailed-up agent leg, ends connected', async () => {
    await telephony.originateAgentLeg({
      agentId: '1001',
      room: ROOM,
      endpoint: `Local/${ROOM}@lab-agent-phone/n`,
    });
    const legUp = await waitLong(
      () => events.find((e) => e.kind === 'agent-leg-up' && e.room === ROOM),
      'agent leg up',
    );
    expect(legUp).toMatchObject({
      channel: expect.stringMatching(/^Local\/agent1001@lab-agent-phone-[0-9a-f]{8};1$/),
    });

    const req = request('01');
    await telephony.originate(req);
    const waiting = await next('human-waiting', req.attemptId);
    expect(waiting.channel).toMatch(/^Local\/12125550101@dialer-dial-[0-9a-f]{8};1$/);
    await telephony.connect(req.attemptId, waiting.channel, ROOM);
    expect(await next('connected', req.attemptId)).toMatchObject({ room: ROOM });
    // The lab customer hangs up about 4.5 s after answering.
    const end = await ended(req.attemptId);
    expect(classifyCallEnd(end.evidence)).toBe('connected');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'human-waiting', 'connected', 'ended']);

    await telephony.hangupAgentLeg(ROOM);
    await waitLong(
      () => events.find((e) => e.kind === 'agent-leg-down' && e.room === ROOM),
      'agent leg down',
    );
    expect(events.filter((e) => e.kind === 'agent-leg-down')).toHaveLength(1);
  });

  it('human not connected: AMD says HUMAN, the dialer drops, the call ends abandoned', async () => {
    const req = request('09', { amd: true });
    await telephony.originate(req);
    expect(await next('amd', req.attemptId)).toMatchObject({ status: 'HUMAN' });
    const waiting = await next('human-waiting', req.attemptId);
    await telephony.drop(req.attemptId, waiting.channel);
    await next('dropped', req.attemptId);
    const end = await ended(req.attemptId);
    expect(classifyCallEnd(end.evidence)).toBe('abandoned');
    expect(kinds(req.attemptId)).toEqual(['ringing', 'answered', 'amd', 'human-waiting', 'dropped', 'ended']);
  });

  it("human nobody connects: the dialplan's backstop plays the message and the call ends abandoned", async () => {
    const { outcome } = await dial(request('09', { backstopDropSeconds: 1 }));
    expect(outcome).toBe('abandoned');
  });

  it('a duplicate ChannelId is refused by Asterisk as a failed Originate with no channel', async () => {
    // Asterisk 22 answers "queued" and then OriginateResponse Failure, Reason 0, no Newchannel.
    const first = request('09');
    await telephony.originate(first);
    const waiting = await next('human-waiting', first.attemptId);
    const client = new AmiClient({
      host: asterisk.host,
      port: asterisk.port,
      user: asterisk.user,
      secret: asterisk.secret,
    });
    await client.connect();
    const responses: string[] = [];
    client.onEvent((e) => {
      if (e.event === 'OriginateResponse' && e.headers.Uniqueid === first.attemptId)
        responses.push(`${e.headers.Response}/${e.headers.Reason}`);
    });
    await client.send({
      Action: 'Originate',
      Channel: 'Local/12125550109@dialer-dial/n',
      Context: 'dialer-outbound',
      Exten: 'answered',
      Priority: 1,
      Async: 'true',
      ChannelId: first.attemptId,
    });
    await waitLong(() => responses.length > 0 && responses, 'the OriginateResponse');
    expect(responses).toEqual(['Failure/0']);
    await client.close();
    await telephony.hangup(waiting.channel);
    const end = await ended(first.attemptId);
    expect(classifyCallEnd(end.evidence)).toBe('answered-no-agent-hangup');
    // The foreign failure is not mistaken for this attempt's: correlation of OriginateResponse is by ActionID.
    expect(end.evidence).toMatchObject({ originateSucceeded: true, originateReason: 4 });
  });
});
