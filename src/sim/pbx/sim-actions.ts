/**
 * How the simulated PBX reads an Originate and answers CoreShowChannels, with the messages and
 * checks of Asterisk 22's main/manager.c (action_originate, action_coreshowchannels; research §2.1).
 */
import type { AmiFields, AmiMessageIn } from './ami-codec.js';
import type { AgentLegRequest } from './agent-leg.js';
import type { CustomerCallRequest } from './customer-call.js';
import type { SimChannel } from './sim-channel.js';

export type OriginateDecision =
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'customer'; readonly request: CustomerCallRequest }
  | { readonly kind: 'agent'; readonly request: AgentLegRequest }
  /** Queued, then OriginateResponse Failure Reason 0 with no channel (duplicate ChannelId, bad Local exten). */
  | { readonly kind: 'no-channel'; readonly fields: AmiFields };

const CUSTOMER_CHANNEL = /^Local\/([^@/]+)@dialer-dial(?:\/n)?$/;
const ROOM = /^[A-Za-z0-9]{2,}$/;
const CALLER_ID = /^\s*(?:"([^"]*)"\s*)?<([^>]*)>\s*$/;
/** Originate Timeout default (manager.c). */
const DEFAULT_TIMEOUT_MS = 30_000;

function parseCallerId(text: string | undefined): { num: string; name: string } {
  if (!text) return { num: '<unknown>', name: '<unknown>' };
  const match = CALLER_ID.exec(text);
  if (!match) return { num: text.trim(), name: '<unknown>' };
  return { num: match[2] || '<unknown>', name: match[1] || '<unknown>' };
}

/** Each Variable header is split on commas and entries without "=" are dropped (research §2.1). */
function parseVariables(headers: string[]): { variables: Map<string, string>; inherited: Set<string> } {
  const variables = new Map<string, string>();
  const inherited = new Set<string>();
  for (const header of headers) {
    for (const item of header.split(',')) {
      const eq = item.indexOf('=');
      if (eq <= 0) continue;
      const raw = item.slice(0, eq).trim();
      const name = raw.replace(/^_{1,2}/, '');
      variables.set(name, item.slice(eq + 1));
      if (raw.startsWith('_')) inherited.add(name);
    }
  }
  return { variables, inherited };
}

export function parseOriginate(
  message: AmiMessageIn,
  isUniqueidTaken: (id: string) => boolean,
  newUniqueid: () => string,
): OriginateDecision {
  const channel = message.get('Channel');
  if (!channel) return { kind: 'error', message: 'Channel not specified' };
  if (!channel.includes('/')) return { kind: 'error', message: 'Invalid channel' };
  const context = message.get('Context') ?? '';
  const exten = message.get('Exten') ?? '';
  const isCustomer = context === 'dialer-outbound' && exten === 'answered';
  const isAgent = context === 'agent-login' && ROOM.test(exten);
  if (!isCustomer && !isAgent) return { kind: 'error', message: 'Extension does not exist.' };
  const actionId = message.get('ActionID');
  const channelId = message.get('ChannelId') || newUniqueid();
  const otherChannelId = message.get('OtherChannelId') || `${channelId};2`;
  const timeoutMs = Number(message.get('Timeout') ?? DEFAULT_TIMEOUT_MS);
  const callerId = parseCallerId(message.get('CallerID'));
  const { variables, inherited } = parseVariables(message.getAll('Variable'));
  const customer = CUSTOMER_CHANNEL.exec(channel);
  const number = customer?.[1] ?? '';
  // Only the dialer's Local template makes a customer call; a non-numeric exten fails in [dialer-dial].
  if (
    isUniqueidTaken(channelId) ||
    isUniqueidTaken(otherChannelId) ||
    (isCustomer && !/^\d+$/.test(number))
  ) {
    const fields: AmiFields = [];
    if (actionId !== undefined) fields.push(['ActionID', actionId]);
    fields.push(
      ['Response', 'Failure'],
      ['Channel', channel],
      ['Context', context],
      ['Exten', exten],
      ['Reason', '0'],
      ['Uniqueid', channelId],
      ['CallerIDNum', callerId.num],
      ['CallerIDName', callerId.name],
    );
    return { kind: 'no-channel', fields };
  }
  if (isAgent)
    return {
      kind: 'agent',
      request: { actionId, channelId, otherChannelId, endpoint: channel, room: exten, variables },
    };
  return {
    kind: 'customer',
    request: {
      actionId,
      channelId,
      otherChannelId,
      number,
      requestedChannel: channel,
      callerIdNum: callerId.num,
      callerIdName: callerId.name,
      timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS,
      variables,
      inherited,
    },
  };
}

function duration(sinceMs: number): string {
  const total = Math.max(0, Math.floor((Date.now() - sinceMs) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** The CoreShowChannel items (no Privilege/Timestamp: list items are part of the response). */
export function coreShowChannelItems(
  channels: Iterable<SimChannel>,
  channelVars: readonly string[],
  actionId: string | undefined,
): AmiFields[] {
  const items: AmiFields[] = [];
  for (const channel of channels) {
    const fields: AmiFields = [['Event', 'CoreShowChannel']];
    if (actionId !== undefined) fields.push(['ActionID', actionId]);
    fields.push(
      ...channel.snapshot(channelVars),
      ['Application', channel.application],
      ['ApplicationData', channel.applicationData],
      ['Duration', duration(channel.createdAt)],
      ['BridgeId', channel.bridgeId],
    );
    items.push(fields);
  }
  return items;
}
