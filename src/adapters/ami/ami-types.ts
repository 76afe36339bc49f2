/**
 * The typed face of AMI for the rest of the adapter: actions going out, messages coming in, and the
 * small client interface AmiTelephony depends on (so it can be driven by a fake in unit tests).
 */

import type { Logger } from '../../ports/logger.js';

/** The project's pino-shaped logger port; the adapter logs with dotted event names (`ami.link.down`). */
export type AmiLogger = Logger;

export const silentLogger: AmiLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Header value of an outgoing action. `Variable` takes a name → value map (one header per entry). */
export type AmiActionValue = string | number | boolean | Readonly<Record<string, string>> | undefined;

/** An outgoing action: `Action` plus headers in AMI casing. ActionID is always the client's own. */
export interface AmiAction {
  readonly Action: string;
  readonly [header: string]: AmiActionValue;
}

/**
 * One incoming message, normalised. `headers` uses AMI casing (Uniqueid, Linkedid, DestUniqueid,
 * Cause-txt, ...), restored from asterisk-manager's lower-cased keys with the table below; a header
 * not in the table gets its first letter upper-cased. A repeated header keeps its values joined by
 * "\n". `vars` holds `ChanVariable: NAME=value` and `ChanVariable(<channel>): NAME=value` (the form
 * Asterisk 22 uses in OriginateResponse); `destVars` holds `DestChanVariable` (D11).
 */
export interface AmiMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly vars: Readonly<Record<string, string>>;
  readonly destVars: Readonly<Record<string, string>>;
}

export interface AmiEvent extends AmiMessage {
  /** The Event header, e.g. "Hangup", "UserEvent". */
  readonly event: string;
  readonly receivedAt: Date;
}

export interface AmiResponse extends AmiMessage {
  /** Success | Error | Goodbye */
  readonly response: string;
  readonly actionId: string;
  readonly message: string | undefined;
}

/** Result of a list action (research §1.3 D7): the ack, the item events, and the closing event. */
export interface AmiListResult {
  readonly response: AmiResponse;
  readonly items: readonly AmiEvent[];
  readonly complete: AmiEvent | undefined;
}

export interface AmiLinkState {
  readonly up: boolean;
  readonly reason?: string | undefined;
}

export interface AmiSendOptions {
  readonly timeoutMs?: number;
  /** A pre-allocated id from newActionId(), so a caller can correlate events racing the response. */
  readonly actionId?: string;
}

/** What AmiTelephony needs from a connection; AmiClient implements it over asterisk-manager. */
export interface AmiClientApi {
  readonly isReady: boolean;
  connect(): Promise<void>;
  close(): Promise<void>;
  newActionId(): string;
  send(action: AmiAction, options?: AmiSendOptions): Promise<AmiResponse>;
  list(action: AmiAction, options?: AmiSendOptions): Promise<AmiListResult>;
  onEvent(listener: (event: AmiEvent) => void): () => void;
  onLink(listener: (state: AmiLinkState) => void): () => void;
}

const SNAPSHOT_FIELDS = [
  'Channel',
  'ChannelState',
  'ChannelStateDesc',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedLineNum',
  'ConnectedLineName',
  'Language',
  'AccountCode',
  'Context',
  'Exten',
  'Priority',
  'Uniqueid',
  'Linkedid',
];

/** Header names the dialer reads, in the casing Asterisk 22 writes them (research §2.2–§2.7). */
const KNOWN_HEADERS = [
  ...SNAPSHOT_FIELDS,
  ...SNAPSHOT_FIELDS.map((f) => `Dest${f}`),
  ...SNAPSHOT_FIELDS.map((f) => `LocalOne${f}`),
  ...SNAPSHOT_FIELDS.map((f) => `LocalTwo${f}`),
  'Event',
  'Privilege',
  'Timestamp',
  'SystemName',
  'Response',
  'ActionID',
  'Message',
  'EventList',
  'ListItems',
  'Ping',
  'Events',
  'Cause',
  'Cause-txt',
  'TechCause',
  'Reason',
  'DialStatus',
  'DialString',
  'Forward',
  'UserEvent',
  'AttemptID',
  'AgentID',
  'Room',
  'Status',
  'Tech',
  'Conference',
  'Admin',
  'BridgeUniqueid',
  'BridgeType',
  'BridgeTechnology',
  'BridgeCreator',
  'BridgeName',
  'BridgeNumChannels',
  'BridgeVideoSourceMode',
  'BridgeId',
  'Application',
  'ApplicationData',
  'Duration',
  'Uptime',
  'LastReload',
  'LocalOptimization',
  'CID-CallingPres',
  'Output',
];

const CASING = new Map(KNOWN_HEADERS.map((h) => [h.toLowerCase(), h]));

export function amiHeaderCase(lowerKey: string): string {
  return CASING.get(lowerKey) ?? lowerKey.charAt(0).toUpperCase() + lowerKey.slice(1);
}

const CHANVAR_WITH_CHANNEL = /^chanvariable\(.*\)$/;

function addVarLines(target: Record<string, string>, value: string | string[]): void {
  for (const line of Array.isArray(value) ? value : [value]) {
    const eq = line.indexOf('=');
    if (eq > 0) target[line.slice(0, eq)] = line.slice(eq + 1);
  }
}

/** Turns one asterisk-manager 'rawevent' object into the normalised shape above. */
export function normaliseRawMessage(raw: Readonly<Record<string, unknown>>): AmiMessage {
  const headers: Record<string, string> = {};
  const vars: Record<string, string> = {};
  const destVars: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (key === 'chanvariable' && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(vars, value);
      continue;
    }
    if (key === 'variable' && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(vars, value);
      continue;
    }
    if (key === 'destchanvariable' && (typeof value === 'string' || Array.isArray(value))) {
      addVarLines(destVars, value as string | string[]);
      continue;
    }
    if (CHANVAR_WITH_CHANNEL.test(key) && (typeof value === 'string' || Array.isArray(value))) {
      addVarLines(vars, value as string | string[]);
      continue;
    }
    const text = Array.isArray(value)
      ? value.map(String).join('\n')
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
    headers[amiHeaderCase(key)] = text;
  }
  return { headers, vars, destVars };
}

/** A header's numeric value, or undefined when absent or not a number. */
export function numericHeader(message: AmiMessage, name: string): number | undefined {
  const text = message.headers[name];
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
