import { Router } from 'express';
import multer from 'multer';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import { requireRole } from './auth.js';
import type { WebContext } from '../web-context.js';
import { KnexAttemptLog } from '../../db/knex-attempt-log.js';

/** 50 MB is about 400k rows; bigger lists should be split (or sent through the API in parts). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export function managerApiRoutes(ctx: WebContext): Router {
  const r = Router();
  const upload = multer({
    storage: multer.diskStorage({
      destination: ctx.uploadDir,
      filename: (_req, _file, cb) => cb(null, `${Date.now()}-${randomUUID()}.csv`),
    }),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
  });

  r.get('/api/campaigns', requireRole('manager', 'compliance', 'agent'), async (_req, res) => {
    res.json(await campaignSummaries(ctx));
  });

  /** Upload a lead list: multipart/form-data with field "file", or a raw text/csv body with ?name=. */
  r.post('/api/campaigns/:id/lists', requireRole('manager'), upload.single('file'), async (req, res) => {
    const campaignId = String(req.params.id);
    if (!ctx.campaigns().has(campaignId)) throw new NotFoundError(`campaign "${campaignId}" does not exist`);
    let filePath: string;
    let fileName: string;
    if (req.file) {
      filePath = req.file.path;
      fileName =
        path
          .basename(req.file.originalname)
          .replace(/[^\p{L}\p{N}._ -]/gu, '_')
          .slice(0, 120) || 'upload.csv';
    } else if (typeof req.body === 'string' && req.body.length > 0) {
      filePath = path.join(ctx.uploadDir, `${Date.now()}-${randomUUID()}.csv`);
      await fs.writeFile(filePath, req.body, 'utf8');
      fileName = typeof req.query.name === 'string' ? req.query.name.slice(0, 120) : 'api-upload.csv';
    } else {
      throw new ValidationError('file: send the CSV as multipart field "file" or as a text/csv body');
    }
    const job = await ctx.imports.createJob({
      campaignId,
      listName:
        typeof req.body?.name === 'string' && req.body.name ? String(req.body.name).slice(0, 120) : fileName,
      fileName,
      filePath,
      uploadedBy: req.session.userId ?? null,
    });
    await ctx.enqueueImport(job.id);
    if (req.accepts(['json', 'html']) === 'html' && req.file) {
      res.redirect(303, `/imports/${job.id}`);
      return;
    }
    res.status(202).json({ jobId: job.id, statusUrl: `/api/imports/${job.id}` });
  });

  /** Start, pause or stop a campaign: body {"status": "running" | "paused" | "stopped"}. */
  r.post('/api/campaigns/:id/status', requireRole('manager'), async (req, res) => {
    const campaignId = String(req.params.id);
    if (!ctx.campaigns().has(campaignId)) throw new NotFoundError(`campaign "${campaignId}" does not exist`);
    const status = (req.body as { status?: unknown } | undefined)?.status;
    if (status !== 'running' && status !== 'paused' && status !== 'stopped') {
      throw new ValidationError('status: must be "running", "paused" or "stopped"', [
        { path: 'status', message: 'running, paused or stopped' },
      ]);
    }
    await ctx.setCampaignStatus(campaignId, status);
    if (req.accepts(['json', 'html']) === 'html' && req.is('application/x-www-form-urlencoded')) {
      res.redirect(303, '/campaigns');
      return;
    }
    res.json({ campaignId, status });
  });

  r.get('/api/imports/:id', requireRole('manager'), async (req, res) => {
    res.json(await importStatus(ctx, Number(req.params.id)));
  });
  return r;
}

export async function importStatus(ctx: WebContext, jobId: number) {
  if (!Number.isInteger(jobId)) throw new NotFoundError('no such import');
  const row = await ctx
    .knex('import_jobs as j')
    .join('lead_lists as l', 'l.id', 'j.list_id')
    .where('j.id', jobId)
    .select('j.*', 'l.campaign_id', 'l.file_name', 'l.name')
    .first();
  if (!row) throw new NotFoundError(`import ${jobId} does not exist`);
  return {
    jobId: row.id,
    campaignId: row.campaign_id,
    fileName: row.file_name,
    status: row.status as string,
    totalRows: row.total_rows as number,
    processedRows: row.processed_rows as number,
    importedRows: row.imported_rows as number,
    rejectedRows: row.rejected_rows as number,
    leadsCreated: row.leads_created as number,
    failure: row.failure as string | null,
    problems: row.row_errors as { row: number; field: string; message: string }[],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export async function campaignSummaries(ctx: WebContext) {
  const since = new Date(Date.now() - 86_400_000);
  const [leadCounts, attemptCounts, eventCounts, agentCounts, rows] = await Promise.all([
    ctx.knex('campaign_leads').select('campaign_id', 'state').count('* as n').groupBy('campaign_id', 'state'),
    ctx
      .knex('call_attempts')
      .where('decided_at', '>=', since)
      .select('campaign_id', 'decision')
      .count('* as n')
      .groupBy('campaign_id', 'decision'),
    ctx
      .knex('call_attempt_events as e')
      .join('call_attempts as a', 'a.id', 'e.attempt_id')
      .where('e.occurred_at', '>=', since)
      .whereIn('e.event', ['answered', 'connected', 'abandoned'])
      .select('a.campaign_id', 'e.event')
      .count('* as n')
      .groupBy('a.campaign_id', 'e.event'),
    ctx.knex('agents').select('state').count('* as n').groupBy('state'),
    ctx.knex('campaigns').select('id', 'name', 'status').orderBy('id'),
  ]);
  // The compliance figure: live answers and drops over each campaign's own window (FTC 30 days,
  // Ofcom 24 h), the same counts the predictive dialer restores at start.
  const attemptLog = new KnexAttemptLog(ctx.knex);
  const windows = new Map(
    await Promise.all(
      rows.map(async (c) => {
        const def = ctx.campaigns().get(c.id);
        const windowMs = def?.pacing.abandonWindow ?? 86_400_000;
        const { live, drops: abandoned } = await attemptLog.abandonmentSince(
          c.id,
          new Date(Date.now() - windowMs),
        );
        return [c.id, { windowMs, live, abandoned, rate: live > 0 ? abandoned / live : 0 }] as const;
      }),
    ),
  );
  const n = (list: Record<string, unknown>[], match: Record<string, string>) =>
    Number(list.find((x) => Object.entries(match).every(([k, v]) => x[k] === v))?.n ?? 0);
  return {
    agents: Object.fromEntries(agentCounts.map((a) => [a.state, Number(a.n)])),
    campaigns: rows.map((c) => {
      const def = ctx.campaigns().get(c.id);
      const answered = n(eventCounts, { campaign_id: c.id, event: 'answered' });
      const connected = n(eventCounts, { campaign_id: c.id, event: 'connected' });
      const abandoned = n(eventCounts, { campaign_id: c.id, event: 'abandoned' });
      return {
        id: c.id,
        name: c.name,
        status: c.status,
        mode: def?.dial.mode ?? null,
        locale: def?.locale ?? null,
        leads: {
          ready: n(leadCounts, { campaign_id: c.id, state: 'ready' }),
          dialing: n(leadCounts, { campaign_id: c.id, state: 'dialing' }),
          inCall: n(leadCounts, { campaign_id: c.id, state: 'in-call' }),
          closed: n(leadCounts, { campaign_id: c.id, state: 'closed' }),
        },
        last24h: {
          dialed: n(attemptCounts, { campaign_id: c.id, decision: 'dial' }),
          skipped: n(attemptCounts, { campaign_id: c.id, decision: 'skip' }),
          answered,
          connected,
          abandoned,
          abandonRate: connected + abandoned > 0 ? abandoned / (connected + abandoned) : 0,
        },
        abandonWindow: windows.get(c.id),
      };
    }),
  };
}
