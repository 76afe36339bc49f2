/**
 * The real AmiClient (asterisk-manager underneath) against the simulated PBX over TCP.
 * Independent of the integration globalSetup: it starts its own PBX.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmiClient, type AmiClientTiming } from '../../../src/adapters/ami/ami-client.js';
import type { AmiEvent, AmiLinkState } from '../../../src/adapters/ami/ami-types.js';
import { TelephonyError } from '../../../src/domain/errors.js';
import { waitFor as waitForLong } from '../../support/ami-test-helpers.js';

/** The client suite's waits are short: its server is local and fast. */
const waitFor = <T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000) =>
  waitForLong(probe, what, timeoutMs);
import { startSimPbx, type SimPbx } from '../../../src/sim/pbx/sim-pbx-server.js';

const USER = 'dialer';
const SECRET = 'test-secret';
const FAST: Partial<AmiClientTiming> = { reconnectMinMs: 20, reconnectMaxMs: 100, pingIntervalMs: 60_000 };

async function telephonyError(promise: Promise<unknown>): Promise<TelephonyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TelephonyError) return error;
    throw error;
  }
  throw new Error('expected a TelephonyError, the call succeeded');
}

const ORIGINATE = {
  Action: 'Originate',
  Channel: 'Local/12125550109@dialer-dial/n',
  Context: 'dialer-outbound',
  Exten: 'answered',
  Priority: 1,
  Timeout: 20_000,
  Async: 'true',
};

describe('AmiClient against the simulated PBX', () => {
  let pbx: SimPbx;
  const clients: AmiClient[] = [];
  const client = (secret = SECRET, timing: Partial<AmiClientTiming> = FAST) => {
    const c = new AmiClient({ host: '127.0.0.1', port: pbx.port, user: USER, secret }, timing);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    pbx = await startSimPbx({ user: USER, secret: SECRET, timeScale: 0.05, authFailureDelayMs: 20 });
  });
  afterEach(async () => {
    pbx.ignoreActions([]);
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await pbx.close();
  });

  it('logs in, answers a Ping and uses its own ActionIDs', async () => {
    const ami = client();
    await ami.connect();
    expect(ami.isReady).toBe(true);
    const pong = await ami.send({ Action: 'Ping' });
    expect(pong.response).toBe('Success');
    expect(pong.headers.Ping).toBe('Pong');
    expect(pong.actionId).toMatch(/^dlr-\d+-[a-z0-9]+-\d+$/);
  });

  it('reports a refused login with host:port, user and Asterisk message, and keeps retrying', async () => {
    const before = pbx.stats().loginFailures;
    const ami = client('wrong-secret');
    const error = await telephonyError(ami.connect());
    expect(error.code).toBe('AMI_REJECTED');
    expect(error.message).toContain(`127.0.0.1:${pbx.port}`);
    expect(error.message).toContain(`"${USER}"`);
    expect(error.message).toContain('Authentication failed');
    await waitFor(() => pbx.stats().loginFailures >= before + 3, 'background login retries');
    expect(ami.isReady).toBe(false);
  });

  it('times out an action the PBX never answers', async () => {
    const ami = client();
    await ami.connect();
    pbx.ignoreActions(['Ping']);
    const error = await telephonyError(ami.send({ Action: 'Ping' }, { timeoutMs: 100 }));
    expect(error.code).toBe('AMI_TIMEOUT');
    pbx.ignoreActions([]);
    expect((await ami.send({ Action: 'Ping' })).response).toBe('Success');
  });

  it('rejects pending actions on disconnect, fails fast while down and never replays after reconnect', async () => {
    const ami = client('test-secret', { ...FAST, reconnectMinMs: 300, reconnectMaxMs: 300 });
    const links: AmiLinkState[] = [];
    ami.onLink((state) => links.push(state));
    await ami.connect();
    pbx.ignoreActions(['Redirect']);
    const pending = ami.send({
      Action: 'Redirect',
      Channel: 'Local/x@y-00000001;1',
      Context: 'dialer-drop',
      Exten: 's',
      Priority: 1,
    });
    await waitFor(() => (pbx.stats().actions.Redirect ?? 0) > 0, 'the Redirect to reach the PBX');
    pbx.dropAllConnections();
    expect((await telephonyError(pending)).code).toBe('AMI_DISCONNECTED');

    const originatesBefore = pbx.stats().actions.Originate ?? 0;
    const whileDown = await telephonyError(ami.send({ ...ORIGINATE, ChannelId: 'never-replayed' }));
    expect(whileDown.code).toBe('AMI_NOT_READY');

    await waitFor(() => ami.isReady, 'reconnect');
    expect(links.map((l) => l.up)).toEqual([true, false, true]);
    // Give a replay every chance to happen: a Ping round trip after the reconnect.
    await ami.send({ Action: 'Ping' });
    expect(pbx.stats().actions.Originate ?? 0).toBe(originatesBefore);
  });

  it('replaces a connection whose Pings go unanswered', async () => {
    const ami = client('test-secret', { ...FAST, pingIntervalMs: 30, pingTimeoutMs: 30 });
    const links: AmiLinkState[] = [];
    ami.onLink((state) => links.push(state));
    await ami.connect();
    const loginsBefore = pbx.stats().logins;
    pbx.ignoreActions(['Ping']);
    await waitFor(() => links.find((l) => !l.up), 'the heartbeat to give up');
    expect(links.find((l) => !l.up)?.reason).toContain('Pings unanswered');
    pbx.ignoreActions([]);
    await waitFor(() => ami.isReady && pbx.stats().logins > loginsBefore, 'a new login');
    expect((await ami.send({ Action: 'Ping' })).response).toBe('Success');
  });

  it.each([
    ['CallerID with CR/LF', { CallerID: '"ACME\r\nAction: Hangup" <5550100>' }],
    ['CallerID name with a quote', { CallerID: '"A"B" <5550100>' }],
    ['Variable value with LF', { Variable: { LEADID: '42\nAction: Hangup' } }],
    ['Variable value with a comma', { Variable: { LEADID: '42,EVIL=1' } }],
    ['Variable name with a space', { Variable: { 'LEAD ID': '42' } }],
    ['Channel with NUL', { Channel: 'Local/1@dialer-dial/n\0' }],
  ])('refuses %s before anything is written', async (_name, override) => {
    const ami = client();
    await ami.connect();
    const before = pbx.stats().actions.Originate ?? 0;
    const error = await telephonyError(ami.send({ ...ORIGINATE, ...override }));
    expect(error.code).toBe('AMI_BAD_VALUE');
    await ami.send({ Action: 'Ping' });
    expect(pbx.stats().actions.Originate ?? 0).toBe(before);
  });

  it('collects an EventList and passes the Originate events on with AMI casing', async () => {
    const ami = client();
    const events: AmiEvent[] = [];
    ami.onEvent((e) => events.push(e));
    await ami.connect();
    const ack = await ami.send({
      ...ORIGINATE,
      ChannelId: 'list-1',
      OtherChannelId: 'list-1-2',
      Variable: { __ATTEMPTID: 'list-1' },
    });
    expect(ack.message).toBe('Originate successfully queued');
    await waitFor(() => events.find((e) => e.event === 'OriginateResponse'), 'the call to be answered');

    const list = await ami.list({ Action: 'CoreShowChannels' });
    expect(list.response.headers.EventList).toBe('start');
    const ids = list.items.map((item) => item.headers.Uniqueid);
    expect(ids).toEqual(expect.arrayContaining(['list-1', 'list-1-2']));
    expect(list.items.every((item) => item.event === 'CoreShowChannel')).toBe(true);
    expect(list.complete?.headers.ListItems).toBe(String(list.items.length));
    // List items go to the list, not to event listeners.
    expect(events.some((e) => e.event === 'CoreShowChannel')).toBe(false);

    const response = events.find((e) => e.event === 'OriginateResponse');
    expect(response?.headers.ActionID).toBe(ack.actionId);
    expect(response?.headers.Uniqueid).toBe('list-1');
    expect(response?.vars.ATTEMPTID).toBe('list-1');
    const dialBegin = events.find((e) => e.event === 'DialBegin' && e.headers.Uniqueid === 'list-1-2');
    expect(dialBegin?.headers.DestUniqueid).toBeDefined();
    expect(dialBegin?.destVars.ATTEMPTID).toBe('list-1');
    await ami.send({
      Action: 'Hangup',
      Channel: list.items.find((i) => i.headers.Uniqueid === 'list-1')?.headers.Channel ?? '',
    });
  });

  it('reports an Error response as AMI_REJECTED with the PBX message', async () => {
    const ami = client();
    await ami.connect();
    const error = await telephonyError(ami.send({ Action: 'Frobnicate' }));
    expect(error.code).toBe('AMI_REJECTED');
    expect(error.message).toContain('Invalid/unknown command');
  });

  it('parses frames split at every byte boundary', async () => {
    const ami = client();
    const events: AmiEvent[] = [];
    ami.onEvent((e) => events.push(e));
    await ami.connect();
    const frame = (seq: number) =>
      [
        'Event: UserEvent',
        'Privilege: user,all',
        'Channel: Local/12125550101@dialer-dial-0000000a;1',
        'CallerIDName: Zoë Ünïcode',
        'Uniqueid: att-split',
        'Linkedid: att-split',
        'ChanVariable: ATTEMPTID=att-split',
        'DestChanVariable: LEADID=42',
        'UserEvent: SplitTest',
        `Seq: ${seq}`,
        '',
        '',
      ].join('\r\n');
    const length = Buffer.byteLength(frame(100), 'utf8');
    for (let cut = 1; cut < length; cut += 1)
      await pbx.broadcastRaw(frame(100 + cut), { splitAt: [cut], gapMs: 1 });
    await pbx.broadcastRaw(frame(99), {
      splitAt: Array.from({ length: length - 1 }, (_, i) => i + 1),
      gapMs: 0,
    });
    const seen = await waitFor(() => {
      const split = events.filter((e) => e.headers.UserEvent === 'SplitTest');
      return split.length === length && split;
    }, 'every split frame');
    for (const event of seen) {
      expect(event.headers.CallerIDName).toBe('Zoë Ünïcode');
      expect(event.headers.Uniqueid).toBe('att-split');
      expect(event.vars).toEqual({ ATTEMPTID: 'att-split' });
      expect(event.destVars).toEqual({ LEADID: '42' });
    }
    expect(new Set(seen.map((e) => e.headers.Seq)).size).toBe(length);
  });
});
