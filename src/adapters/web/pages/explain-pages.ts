/**
 * "Why isn't this lead being dialed?" for compliance staff and managers (/why): one field, a lead id
 * or a phone number; for each matching lead what blocks it now and when it becomes callable.
 */
import { Router } from 'express';
import { explainQueryFrom } from '../../../services/compliance/explain-lead.js';
import { resolveLocale, translator } from '../i18n.js';
import { explanationView } from '../view-models/lead-explanation.js';
import type { WebContext } from '../web-context.js';
import { pageRole, renderPage } from './render.js';

/** Up to this many digits without "+" is a lead id; anything else is read as a phone number. */
const MAX_LEAD_ID_DIGITS = 9;

export function explainPages(ctx: WebContext): Router {
  const r = Router();
  r.get('/why', pageRole('compliance', 'manager'), async (req, res) => {
    const locale = resolveLocale(req);
    const t = translator(locale);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 64) : '';
    let error: string | null = null;
    let results: ReturnType<typeof explanationView>[] = [];
    if (q !== '') {
      const isLeadId = new RegExp(`^\\d{1,${MAX_LEAD_ID_DIGITS}}$`).test(q);
      const parsed = explainQueryFrom(isLeadId ? { lead: q } : { phone: q });
      if ('error' in parsed) error = parsed.error;
      else {
        const found = await ctx.explainer.explain(parsed.query);
        results = found.map((e) => explanationView(e, locale));
        if (results.length === 0) error = t('explain.nothingFound', { q });
      }
    }
    renderPage(req, res, {
      template: 'explain',
      title: t('explain.title'),
      bodyClass: 'page-explain',
      status: error !== null && q !== '' && results.length === 0 ? 404 : 200,
      page: { q, error, results, checkedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
    });
  });
  return r;
}
