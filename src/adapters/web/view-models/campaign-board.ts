/** The campaign manager's live board, built from the manager API's campaignSummaries(). */
import type { campaignSummaries } from '../routes/manager-api.js';
import { labelOf, type Locale, type MessageKey, translator } from '../i18n.js';
import { formatCount, formatRate } from './format.js';

export type CampaignSummaries = Awaited<ReturnType<typeof campaignSummaries>>;

/** Board order: who can take a call first, then who is busy, then who is away. */
export const AGENT_STATES_ON_BOARD = [
  'ready',
  'reserved',
  'on-call',
  'wrap-up',
  'paused',
  'offline',
] as const;

export interface Figure {
  key: string;
  label: string;
  value: number;
  text: string;
}

export interface ChartBar extends Figure {
  /** Bar length, 0–100, relative to the longest bar of the same campaign. */
  percent: number;
}

export interface BoardCampaign {
  id: string;
  name: string;
  status: string;
  statusLabel: string;
  modeLabel: string;
  leads: Figure[];
  last24h: Figure[];
  /** Over the campaign's compliance window (falls back to 24 h when the window is not known). */
  abandonRate: { text: string; limitText: string; isOverLimit: boolean; dayText?: string };
  chart: ChartBar[];
  /** Calls in progress now (dialing + in call), the live strip's sample. */
  inProgress: number;
}

export interface BoardViewModel {
  updatedAt: string;
  agents: Figure[];
  campaigns: BoardCampaign[];
}

/** Bar lengths relative to the largest value; a zero row stays at zero, a tiny non-zero value stays visible. */
export function barPercents(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return values.map(() => 0);
  return values.map((v) => (v <= 0 ? 0 : Math.max(1, Math.round((v / max) * 100))));
}

export interface AbandonLimit {
  maxRate: number;
  windowMs: number;
}

/** 30 days → "30 d" / "30 дн.", 24 h → "24 h" / "24 ч". */
export function formatWindow(ms: number, locale: Locale): string {
  const day = 86_400_000;
  if (ms % day === 0 && ms >= 2 * day) return locale === 'ru' ? `${ms / day} дн.` : `${ms / day} d`;
  const hours = Math.round(ms / 3_600_000);
  return locale === 'ru' ? `${hours} ч` : `${hours} h`;
}

export function buildBoardViewModel(
  summaries: CampaignSummaries,
  abandonLimits: ReadonlyMap<string, AbandonLimit>,
  locale: Locale,
  now: Date,
): BoardViewModel {
  const t = translator(locale);
  const figure = (key: string, labelKey: MessageKey, value: number): Figure => ({
    key,
    label: t(labelKey),
    value,
    text: formatCount(value, locale),
  });
  return {
    updatedAt: now.toISOString(),
    agents: AGENT_STATES_ON_BOARD.map((state) => {
      const value = Number(summaries.agents[state] ?? 0);
      return {
        key: state,
        label: labelOf(t, 'board.agentState', state),
        value,
        text: formatCount(value, locale),
      };
    }),
    campaigns: summaries.campaigns.map((c) => {
      const limit = abandonLimits.get(c.id);
      const h = c.last24h;
      const chartFigures = [
        figure('dialed', 'board.dialed', h.dialed),
        figure('answered', 'board.answered', h.answered),
        figure('connected', 'board.connected', h.connected),
        figure('abandoned', 'board.abandoned', h.abandoned),
      ];
      const percents = barPercents(chartFigures.map((f) => f.value));
      return {
        id: c.id,
        name: c.name,
        status: c.status,
        statusLabel: labelOf(t, 'board.status', c.status),
        modeLabel: labelOf(t, 'board.mode', c.mode),
        leads: [
          figure('ready', 'board.leads.ready', c.leads.ready),
          figure('dialing', 'board.leads.dialing', c.leads.dialing),
          figure('inCall', 'board.leads.inCall', c.leads.inCall),
          figure('closed', 'board.leads.closed', c.leads.closed),
        ],
        last24h: [
          figure('dialed', 'board.dialed', h.dialed),
          figure('skipped', 'board.skipped', h.skipped),
          figure('answered', 'board.answered', h.answered),
          figure('connected', 'board.connected', h.connected),
          figure('abandoned', 'board.abandoned', h.abandoned),
        ],
        abandonRate: {
          text: formatRate(c.abandonWindow?.rate ?? h.abandonRate, locale),
          limitText:
            limit === undefined
              ? ''
              : t('board.abandonLimit', {
                  pct: formatRate(limit.maxRate, locale),
                  window: formatWindow(limit.windowMs, locale),
                }),
          isOverLimit: limit !== undefined && (c.abandonWindow?.rate ?? h.abandonRate) > limit.maxRate,
          ...(c.abandonWindow
            ? { dayText: t('board.abandonLast24h', { pct: formatRate(h.abandonRate, locale) }) }
            : {}),
        },
        chart: chartFigures.map((f, i) => ({ ...f, percent: percents[i] ?? 0 })),
        inProgress: c.leads.dialing + c.leads.inCall,
      };
    }),
  };
}
