/**
 * The compliance attempt log (/attempts): server-rendered, filters in the query string, and an
 * "Export CSV" link to /api/attempts.csv with the same filters in the API's terms.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { localize } from '../../../domain/campaign/campaign-definition.js';
import { resolveLocale, translator } from '../i18n.js';
import {
  apiQuery,
  buildAttemptRows,
  exportHref,
  parseAttemptFilters,
  type AttemptRowData,
} from '../view-models/attempt-log.js';
import type { WebContext } from '../web-context.js';
import { pageRole, renderPage } from './render.js';

/** Rows on the page; the CSV export has them all. */
export const ATTEMPT_PAGE_LIMIT = 200;

/**
 * The same rows as compliance-api.ts's attemptQuery (which is not exported), plus the agent's name.
 * The filters arrive already in the API's terms (apiQuery), so page and CSV select the same attempts.
 */
function attemptRows(knex: Knex, q: Record<string, string>, limit: number): Promise<AttemptRowData[]> {
  const query = knex('call_attempts as a')
    .leftJoin('call_attempt_events as e', function () {
      this.on('e.attempt_id', 'a.id').andOnVal('e.event', 'ended');
    })
    .leftJoin('dispositions as d', 'd.attempt_id', 'a.id')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('agents as ag', function () {
      this.on('ag.id', '=', knex.raw('coalesce(e.agent_id, d.agent_id)'));
    })
    .leftJoin('users as u', 'u.id', 'ag.user_id')
    .select(
      'a.id',
      'a.decided_at',
      'a.campaign_id',
      'a.lead_id',
      'p.full_name as person',
      'a.phone_e164',
      'a.decision',
      'a.reason_codes',
      'a.decision_detail',
      'e.outcome',
      'u.display_name as agent_name',
      'd.code as disposition',
    )
    .orderBy('a.decided_at', 'desc')
    .limit(limit);
  if (q.campaign) query.where('a.campaign_id', q.campaign);
  if (q.decision) query.where('a.decision', q.decision);
  if (q.from) query.where('a.decided_at', '>=', new Date(q.from));
  if (q.to) query.where('a.decided_at', '<', new Date(q.to));
  if (q.lead) query.where('a.lead_id', Number(q.lead));
  return query as unknown as Promise<AttemptRowData[]>;
}

export function attemptPages(ctx: WebContext): Router {
  const r = Router();

  r.get('/attempts', pageRole('compliance', 'manager'), async (req, res) => {
    const locale = resolveLocale(req);
    const t = translator(locale);
    const campaigns = ctx.campaigns();
    const { filters, ignored } = parseAttemptFilters(
      req.query as Record<string, unknown>,
      new Set(campaigns.keys()),
    );
    const data = await attemptRows(ctx.knex, apiQuery(filters), ATTEMPT_PAGE_LIMIT);
    const rows = buildAttemptRows(
      data,
      {
        campaign: (id) => campaigns.get(id)?.name ?? id,
        disposition: (campaignId, code) => {
          const d = campaigns.get(campaignId)?.dispositions.find((x) => x.id === code);
          return d ? localize(d.label, locale) : code;
        },
      },
      locale,
      filters,
    );
    renderPage(req, res, {
      template: 'attempts',
      title: t('attempts.title'),
      bodyClass: 'page-attempts',
      page: {
        filters,
        ignored: ignored.map((k) => t('attempts.badFilter', { field: t(k) })),
        campaignOptions: [...campaigns.values()].map((c) => ({ id: c.id, name: c.name })),
        rows,
        isLimited: rows.length >= ATTEMPT_PAGE_LIMIT,
        limit: ATTEMPT_PAGE_LIMIT,
        exportHref: exportHref(filters),
      },
    });
  });

  return r;
}
