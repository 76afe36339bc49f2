/**
 * The agent desk as the browser script draws it: every label translated, every number and date
 * formatted, the person's clock computed from the dialed phone's zones. Built from the agent API's
 * own `agentView()` so the page and the API never disagree about the call in hand.
 */
import type { agentView } from '../routes/agent-api.js';
import { labelOf, type Locale, translator } from '../i18n.js';
import {
  ageInYears,
  defaultCallbackLocal,
  formatCalendarDate,
  formatCount,
  formatMoney,
  isoOrNull,
  localClocks,
  localDate,
  toLocalInputValue,
  type ZoneClock,
} from './format.js';

export type AgentViewData = Awaited<ReturnType<typeof agentView>>;
type CallData = NonNullable<AgentViewData['call']>;

export const PAUSE_REASONS = ['break', 'lunch', 'training', 'meeting', 'technical'] as const;

/** Dispositions whose effect reaches beyond this call (every campaign, every number): asked twice. */
const CONFIRMED_ACTIONS = new Set(['do-not-call', 'wrong-number', 'refused']);

export type DispositionForm = 'callback' | 'promise' | 'confirm' | 'none';

export function dispositionForm(action: string): DispositionForm {
  if (action === 'callback') return 'callback';
  if (action === 'promise-to-pay') return 'promise';
  return CONFIRMED_ACTIONS.has(action) ? 'confirm' : 'none';
}

export interface AgentAbilities {
  login: boolean;
  ready: boolean;
  pause: boolean;
  logout: boolean;
  hangup: boolean;
  dispose: boolean;
  /** Preview mode: the lead is on screen and no call placed yet. */
  previewCall: boolean;
  previewSkip: boolean;
}

/** What the agent may press in each state (mirrors AgentDeskService's guards, so buttons never lie). */
export function abilitiesOf(state: string, hasCall: boolean, isPreview = false): AgentAbilities {
  return {
    previewCall: state === 'reserved' && hasCall && isPreview,
    previewSkip: state === 'reserved' && hasCall && isPreview,
    login: state === 'offline',
    ready: state === 'paused',
    pause: state === 'ready',
    logout: state === 'paused' || state === 'ready',
    hangup: state === 'on-call' && hasCall,
    dispose: state === 'wrap-up' && hasCall,
  };
}

/**
 * The zones to show a person's clock in: the dialed phone's candidate zones (the law counts hours
 * there), else every zone of the person's phones.
 */
export function personZones(
  phones: readonly { e164: string; zones: readonly string[] }[],
  dialedE164: string | null,
): string[] {
  const dialed = phones.find((p) => p.e164 === dialedE164);
  if (dialed && dialed.zones.length > 0) return [...dialed.zones];
  return [...new Set(phones.flatMap((p) => p.zones))];
}

export interface DeskCallViewModel {
  attemptId: string;
  /** The lead is shown before the call (preview mode). */
  isPreview: boolean;
  campaignName: string;
  scriptLocale: string;
  dialedPhone: string;
  person: {
    name: string;
    role: string;
    birthDate: string;
    age: string;
    region: string;
    flags: string[];
    clocks: ZoneClock[];
    zonesNote: string;
  };
  debt: { account: string; balance: string; daysPastDue: string };
  otherPersons: { name: string; role: string }[];
  phones: {
    e164: string;
    type: string;
    status: string;
    statusCode: string;
    isDialed: boolean;
    zones: string;
  }[];
  history: { at: string | null; outcome: string; disposition: string; reasons: string }[];
  promises: { amount: string; due: string; status: string; statusCode: string }[];
  script: {
    name: string;
    steps: {
      id: string;
      title: string;
      say: string;
      gate: boolean;
      ifNot: string | null;
      hint: string | null;
    }[];
    situations: { id: string; when: string; say: string }[];
    avoid: string[];
  } | null;
  dispositions: {
    id: string;
    label: string;
    action: string;
    hotkey: string | null;
    form: DispositionForm;
    confirmText: string | null;
  }[];
  existingDisposition: string | null;
  wrapUp: { timeoutMs: number; endsAt: string | null };
  callback: { zones: string[]; defaultZone: string; defaultLocal: string; minLocal: string };
  promise: { currency: string; minDate: string };
}

export interface DeskViewModel {
  serverNow: string;
  agent: {
    name: string;
    state: string;
    stateLabel: string;
    stateSince: string | null;
    pauseReason: string | null;
    pauseReasonLabel: string;
    isLegUp: boolean;
    can: AgentAbilities;
  };
  call: DeskCallViewModel | null;
}

export function buildDeskViewModel(view: AgentViewData, locale: Locale, now: Date): DeskViewModel {
  const t = translator(locale);
  const { agent } = view;
  const call = view.call ? buildCall(view.call, agent.state, agent.stateSince, locale, now) : null;
  return {
    serverNow: now.toISOString(),
    agent: {
      name: agent.name,
      state: agent.state,
      stateLabel: labelOf(t, 'state', agent.state),
      stateSince: isoOrNull(agent.stateSince),
      pauseReason: agent.pauseReason,
      pauseReasonLabel: agent.state === 'paused' ? labelOf(t, 'pause', agent.pauseReason) : '',
      isLegUp: agent.isLegUp,
      can: abilitiesOf(agent.state, call !== null, call?.isPreview ?? false),
    },
    call,
  };
}

function buildCall(
  call: CallData,
  state: string,
  stateSince: Date,
  locale: Locale,
  now: Date,
): DeskCallViewModel {
  const t = translator(locale);
  const zones = personZones(call.phones, call.phoneE164);
  const firstZone = zones[0] ?? 'UTC';
  const clocks = localClocks(zones, now, locale);
  const callbackZones = [...new Set([...zones, ...call.phones.flatMap((p) => p.zones)])];
  if (callbackZones.length === 0) callbackZones.push('UTC');
  const age = ageInYears(call.person.birthDate, now, firstZone);
  const wrapUpEndsAt =
    state === 'wrap-up'
      ? new Date(new Date(stateSince).getTime() + call.wrapUpTimeoutMs).toISOString()
      : null;
  return {
    attemptId: call.attemptId,
    isPreview: call.decision === 'preview',
    campaignName: call.campaignName,
    scriptLocale: call.locale,
    dialedPhone: call.phoneE164 ?? '',
    person: {
      name: call.person.name,
      role: labelOf(t, 'person', call.person.role),
      birthDate: formatCalendarDate(call.person.birthDate, locale),
      age: age === null ? '' : t('desk.age', { years: age }),
      region: call.person.region ?? '',
      flags: call.person.flags ?? [],
      clocks,
      zonesNote:
        clocks.length === 0 ? t('desk.localTimeUnknown') : clocks.length > 1 ? t('desk.severalZones') : '',
    },
    debt: {
      account: call.debt.accountNumber,
      balance: formatMoney(call.debt.balance, call.debt.currency, locale),
      daysPastDue: call.debt.daysPastDue === null ? '' : formatCount(call.debt.daysPastDue, locale),
    },
    otherPersons: call.otherPersons.map((p) => ({ name: p.name, role: labelOf(t, 'person', p.role) })),
    phones: call.phones.map((p) => ({
      e164: p.e164,
      type: labelOf(t, 'phoneType', p.type),
      status: labelOf(t, 'phoneStatus', p.status),
      statusCode: p.status,
      isDialed: p.e164 === call.phoneE164,
      zones: p.zones.join(', '),
    })),
    history: call.history.map((h) => ({
      at: isoOrNull(h.at),
      outcome: h.decision === 'skip' ? labelOf(t, 'decision', 'skip') : labelOf(t, 'outcome', h.outcome),
      disposition: dispositionLabel(call, h.disposition),
      reasons: (h.reasonCodes ?? []).join(', '),
    })),
    promises: call.promises.map((p) => ({
      amount: formatMoney(p.amount, p.currency, locale),
      due: formatCalendarDate(p.dueDate, locale),
      status: labelOf(t, 'promise', p.status),
      statusCode: p.status,
    })),
    script: call.script
      ? {
          name: call.script.name,
          steps: call.script.steps.map((s) => ({
            id: s.id,
            title: s.title,
            say: s.say,
            gate: s.gate,
            ifNot: s.ifNot ?? null,
            hint: s.hint ?? null,
          })),
          situations: call.script.situations.map((s) => ({ id: s.id, when: s.when, say: s.say })),
          avoid: [...call.script.avoid],
        }
      : null,
    dispositions: call.dispositions.map((d) => {
      const form = dispositionForm(d.action);
      return {
        id: d.id,
        label: d.label,
        action: d.action,
        hotkey: d.hotkey,
        form,
        confirmText: form === 'confirm' ? labelOf(t, 'desk.confirm', d.action) : null,
      };
    }),
    existingDisposition: call.disposition,
    wrapUp: { timeoutMs: call.wrapUpTimeoutMs, endsAt: wrapUpEndsAt },
    callback: {
      zones: callbackZones,
      defaultZone: callbackZones[0]!,
      defaultLocal: defaultCallbackLocal(now, callbackZones[0]!),
      minLocal: toLocalInputValue(now, callbackZones[0]!),
    },
    promise: { currency: call.debt.currency ?? '', minDate: localDate(now, firstZone) },
  };
}

function dispositionLabel(call: CallData, code: string | null): string {
  if (!code) return '';
  return call.dispositions.find((d) => d.id === code)?.label ?? code;
}
