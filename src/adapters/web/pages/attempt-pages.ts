/**
 * The compliance attempt log (/attempts): server-rendered, filters in the query string, and an
 * "Export CSV" link to /api/attempts.csv with the same filters in the API's terms.
 */
import { Router } from 'express';
import type { Knex } from 'knex';
import { attemptLogQuery } from '../../db/attempt-log-read-model.js';
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

function attemptRows(knex: Knex, q: Record<string, string>, limit: number): Promise<AttemptRowData[]> {
  return attemptLogQuery(knex, q).limit(limit) as unknown as Promise<AttemptRowData[]>;
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
