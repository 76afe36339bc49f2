/**
 * One AMI connection to the simulated PBX: banner, Login, Logoff, Ping, Events and the error answers
 * exactly as Asterisk 22's main/manager.c gives them (checked against 22.10.1 in the lab):
 * "Permission denied" before login, a refused login answered after sleep(1) and then closed, and
 * "Invalid/unknown command: X. Use Action: ListCommands to show available commands."
 * The call-related actions are handed to the server.
 */
import type net from 'node:net';
import { AmiFrameParser, encodeAmiMessage, type AmiFields, type AmiMessageIn } from './ami-codec.js';

/** AMI_VERSION is still "11.0.0" in Asterisk 22 (include/asterisk/manager.h, research §1.7). */
const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
const LOCAL_ACTIONS = ['Login', 'Logoff', 'Ping', 'Events'];
const CALL_ACTIONS = ['Originate', 'Redirect', 'Hangup', 'CoreShowChannels'];
const CANONICAL = new Map([...LOCAL_ACTIONS, ...CALL_ACTIONS].map((name) => [name.toLowerCase(), name]));

export type CallAction = 'Originate' | 'Redirect' | 'Hangup' | 'CoreShowChannels';

export interface SessionHost {
  /** Counts the action; false when a test asked the PBX to ignore it (no answer at all). */
  admit(action: string): boolean;
  isValidLogin(user: string | undefined, secret: string | undefined): boolean;
  loginResult(ok: boolean): void;
  readonly authFailureDelayMs: number;
  callAction(session: AmiSession, action: CallAction, message: AmiMessageIn): void;
  closed(session: AmiSession): void;
}

export class AmiSession {
  private readonly parser = new AmiFrameParser();
  isAuthenticated = false;
  /** undefined = every class; empty = none ("Events: off"). */
  private eventClasses: Set<string> | undefined;

  constructor(
    readonly socket: net.Socket,
    private readonly host: SessionHost,
  ) {
    socket.setNoDelay(true);
    socket.write(BANNER);
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.parser.push(chunk)) this.onAction(message);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => host.closed(this));
  }

  /** Whether an event of this privilege ("call,all") goes to this session. */
  wants(privilege: string): boolean {
    return (
      this.isAuthenticated && (!this.eventClasses || this.eventClasses.has(privilege.split(',')[0] ?? ''))
    );
  }

  write(fields: AmiFields): void {
    if (!this.socket.destroyed) this.socket.write(encodeAmiMessage(fields));
  }

  reply(message: AmiMessageIn, response: 'Success' | 'Error' | 'Goodbye', fields: AmiFields): void {
    const actionId = message.get('ActionID');
    const head: AmiFields = [['Response', response]];
    if (actionId !== undefined) head.push(['ActionID', actionId]);
    this.write([...head, ...fields]);
  }

  /** An EventList answer: ack, items (already carrying the ActionID), then the Complete event. */
  replyList(message: AmiMessageIn, what: string, items: AmiFields[], completeEvent: string): void {
    const actionId = message.get('ActionID');
    this.reply(message, 'Success', [
      ['EventList', 'start'],
      ['Message', `${what} will follow`],
    ]);
    for (const item of items) this.write(item);
    const complete: AmiFields = [['Event', completeEvent]];
    if (actionId !== undefined) complete.push(['ActionID', actionId]);
    complete.push(['EventList', 'Complete'], ['ListItems', String(items.length)]);
    this.write(complete);
  }

  private onAction(message: AmiMessageIn): void {
    const raw = message.get('Action') ?? '';
    const name = CANONICAL.get(raw.toLowerCase()) ?? raw;
    if (!this.host.admit(name)) return;
    if (name === 'Login') return this.login(message);
    if (name === 'Logoff') {
      this.reply(message, 'Goodbye', [['Message', 'Thanks for all the fish.']]);
      this.socket.end();
      return;
    }
    if (!this.isAuthenticated) return this.reply(message, 'Error', [['Message', 'Permission denied']]);
    if (name === 'Ping') {
      return this.reply(message, 'Success', [
        ['Ping', 'Pong'],
        ['Timestamp', (Date.now() / 1000).toFixed(6)],
      ]);
    }
    if (name === 'Events') return this.events(message);
    if ((CALL_ACTIONS as readonly string[]).includes(name)) {
      return this.host.callAction(this, name as CallAction, message);
    }
    const text = `Invalid/unknown command: ${raw}. Use Action: ListCommands to show available commands.`;
    this.reply(message, 'Error', [['Message', text]]);
  }

  private login(message: AmiMessageIn): void {
    if (!this.host.isValidLogin(message.get('Username'), message.get('Secret'))) {
      this.host.loginResult(false);
      // manager.c action_login: sleep(1), "Authentication failed", then the session ends.
      setTimeout(() => {
        this.reply(message, 'Error', [['Message', 'Authentication failed']]);
        this.socket.end();
      }, this.host.authFailureDelayMs);
      return;
    }
    this.host.loginResult(true);
    this.isAuthenticated = true;
    // Asterisk reads "Events"; asterisk-manager sends "Event: on", which is ignored (all events).
    if (/^(off|no|false)$/i.test(message.get('Events') ?? '')) this.eventClasses = new Set();
    this.reply(message, 'Success', [['Message', 'Authentication accepted']]);
    if (this.wants('system,all')) {
      const uptime = String(Math.floor(process.uptime()));
      this.write([
        ['Event', 'FullyBooted'],
        ['Privilege', 'system,all'],
        ['Uptime', uptime],
        ['LastReload', uptime],
        ['Status', 'Fully Booted'],
      ]);
    }
  }

  private events(message: AmiMessageIn): void {
    const mask = (message.get('EventMask') ?? 'on').toLowerCase();
    if (/^(on|yes|true|all)$/.test(mask)) this.eventClasses = undefined;
    else if (/^(off|no|false)$/.test(mask)) this.eventClasses = new Set();
    else this.eventClasses = new Set(mask.split(',').map((c) => c.trim()));
    const isOn = this.eventClasses === undefined || this.eventClasses.size > 0;
    this.reply(message, 'Success', [['Events', isOn ? 'On' : 'Off']]);
  }
}
