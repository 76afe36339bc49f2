import { Router } from 'express';
import { stringify } from 'csv-stringify';
import { requireRole } from './auth.js';
import type { WebContext } from '../web-context.js';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(' ') : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function attemptQuery(ctx: WebContext, q: Record<string, unknown>) {
  const query = ctx.knex('call_attempts as a')
    .leftJoin('call_attempt_events as e', function () {
      this.on('e.attempt_id', 'a.id').andOnVal('e.event', 'ended');
    })
    .leftJoin('dispositions as d', 'd.attempt_id', 'a.id')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
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
      'e.agent_id',
      'd.code as disposition',
    )
    .orderBy('a.decided_at', 'desc');
  if (typeof q.campaign === 'string' && q.campaign) query.where('a.campaign_id', q.campaign);
  if (typeof q.decision === 'string' && (q.decision === 'dial' || q.decision === 'skip')) query.where('a.decision', q.decision);
  if (typeof q.from === 'string' && !Number.isNaN(Date.parse(q.from))) query.where('a.decided_at', '>=', new Date(q.from));
  if (typeof q.to === 'string' && !Number.isNaN(Date.parse(q.to))) query.where('a.decided_at', '<', new Date(q.to));
  if (typeof q.lead === 'string' && /^\d+$/.test(q.lead)) query.where('a.lead_id', Number(q.lead));
  return query;
}

export function complianceApiRoutes(ctx: WebContext): Router {
  const r = Router();
  r.get('/api/attempts', requireRole('compliance', 'manager'), async (req, res) => {
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 100));
    res.json(await attemptQuery(ctx, req.query).limit(limit));
  });
  /** The whole attempt log as CSV, streamed, every cell neutralised against formula injection. */
  r.get('/api/attempts.csv', requireRole('compliance', 'manager'), async (req, res) => {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="call-attempts.csv"');
    const out = stringify({
      header: true,
      columns: ['attempt_id', 'decided_at_utc', 'campaign', 'lead', 'person', 'phone', 'decision', 'reason_codes', 'zones', 'local_times', 'outcome', 'agent', 'disposition'],
    });
    out.pipe(res);
    res.write('\uFEFF');
    const stream = attemptQuery(ctx, req.query).stream();
    for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
      const detail = (row.decision_detail ?? {}) as { zones?: string[]; localTimes?: { zone: string; localTime: string }[] };
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
          row.disposition,
        ].map(neutraliseCell),
      );
    }
    out.end();
  });
  return r;
}
