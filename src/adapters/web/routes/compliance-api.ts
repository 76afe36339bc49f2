import { Router } from 'express';
import { stringify } from 'csv-stringify';
import { requireRole } from './auth.js';
import { attemptLogQuery } from '../../db/attempt-log-read-model.js';
import type { WebContext } from '../web-context.js';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import { explainQueryFrom } from '../../../services/compliance/explain-lead.js';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : Array.isArray(value)
          ? value.join(' ')
          : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function complianceApiRoutes(ctx: WebContext): Router {
  const r = Router();
  /**
   * "Why isn't this lead being dialed?": ?lead=ID, or ?phone=+7… (every lead of the persons with
   * that number, in every campaign). What blocks each lead now and when it becomes callable.
   */
  r.get('/api/compliance/explain', requireRole('compliance', 'manager'), async (req, res) => {
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const parsed = explainQueryFrom({
      lead: str(req.query.lead),
      phone: str(req.query.phone),
      country: str(req.query.country),
    });
    if ('error' in parsed)
      throw new ValidationError(parsed.error, [{ path: parsed.field, message: parsed.error }]);
    const leads = await ctx.explainer.explain(parsed.query);
    if (leads.length === 0)
      throw new NotFoundError(
        'leadId' in parsed.query
          ? `no lead ${parsed.query.leadId}`
          : `no lead of a person with the number ${parsed.query.e164}`,
      );
    res.json({ checkedAt: leads[0]!.checkedAt, leads });
  });

  r.get('/api/attempts', requireRole('compliance', 'manager'), async (req, res) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 100));
    res.json(await attemptLogQuery(ctx.knex, req.query).limit(limit));
  });
  /** The whole attempt log as CSV, streamed, every cell neutralised against formula injection. */
  r.get('/api/attempts.csv', requireRole('compliance', 'manager'), async (req, res) => {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="call-attempts.csv"');
    const out = stringify({
      header: true,
      columns: [
        'attempt_id',
        'decided_at_utc',
        'campaign',
        'lead',
        'person',
        'phone',
        'decision',
        'reason_codes',
        'zones',
        'local_times',
        'outcome',
        'agent_id',
        'agent',
        'disposition',
      ],
    });
    out.pipe(res);
    res.write('\uFEFF');
    const stream = attemptLogQuery(ctx.knex, req.query).stream();
    for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
      const detail = (row.decision_detail ?? {}) as {
        zones?: string[];
        localTimes?: { zone: string; localTime: string }[];
      };
      out.write(
        [
          row.id,
          row.decided_at,
          row.campaign_id,
          row.lead_id,
          row.person,
          row.phone_e164,
          row.decision,
          row.reason_codes,
          detail.zones ?? [],
          (detail.localTimes ?? []).map((l) => `${l.zone} ${l.localTime}`),
          row.outcome,
          row.agent_id,
          row.agent_name,
          row.disposition,
        ].map(neutraliseCell),
      );
    }
    out.end();
  });
  return r;
}
