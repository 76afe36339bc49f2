/**
 * Campaign manager pages: the live board (/campaigns, refreshed from /campaigns/board.json), the
 * import progress page (/imports/:id, polling /imports/:id/progress.json), and the lead-list format.
 * Uploads post straight to the manager API (POST /api/campaigns/:id/lists), which answers an HTML
 * form with a 303 to /imports/:id.
 */
import { Router } from 'express';
import { NotFoundError } from '../../../domain/errors.js';
import { campaignSummaries, importStatus } from '../routes/manager-api.js';
import { dictionarySubset, resolveLocale, translator, type MessageKey } from '../i18n.js';
import { buildBoardViewModel, type AbandonLimit } from '../view-models/campaign-board.js';
import { buildImportViewModel } from '../view-models/import-progress.js';
import type { WebContext } from '../web-context.js';
import { jsonForScript, pageRole, renderNotFound, renderPage } from './render.js';

/** The optional columns the format page lists, with the header aliases the importer also accepts. */
const OPTIONAL_COLUMNS: { name: string; aliases: string; meaningKey: MessageKey }[] = [
  { name: 'role', aliases: 'роль', meaningKey: 'format.col.role' },
  { name: 'birth_date', aliases: 'dob, date_of_birth, дата_рождения', meaningKey: 'format.col.birth_date' },
  { name: 'country', aliases: 'страна', meaningKey: 'format.col.country' },
  { name: 'region', aliases: 'state, регион', meaningKey: 'format.col.region' },
  { name: 'timezone', aliases: 'tz, time_zone, часовой_пояс', meaningKey: 'format.col.timezone' },
  { name: 'balance', aliases: 'amount, сумма, долг', meaningKey: 'format.col.balance' },
  { name: 'currency', aliases: 'валюта', meaningKey: 'format.col.currency' },
  { name: 'days_past_due', aliases: 'dpd, просрочка_дней', meaningKey: 'format.col.days_past_due' },
  { name: 'third_party_consent', aliases: 'consent', meaningKey: 'format.col.third_party_consent' },
];
const REQUIRED_COLUMNS: { name: string; aliases: string; meaningKey: MessageKey }[] = [
  {
    name: 'account',
    aliases: 'account_number, contract, договор, номер_договора, счёт',
    meaningKey: 'format.col.account',
  },
  { name: 'name', aliases: 'full_name, фио, имя', meaningKey: 'format.col.name' },
  {
    name: 'phone1',
    aliases: 'phone, телефон, mobile, home, work, phone2, phone3',
    meaningKey: 'format.col.phone1',
  },
];

function abandonLimits(ctx: WebContext): Map<string, AbandonLimit> {
  return new Map(
    [...ctx.campaigns()].map(([id, c]) => [
      id,
      { maxRate: c.pacing.maxAbandonRate, windowMs: c.pacing.abandonWindow },
    ]),
  );
}

export function campaignPages(ctx: WebContext): Router {
  const r = Router();

  r.get('/campaigns', pageRole('manager', 'compliance'), async (req, res) => {
    const locale = resolveLocale(req);
    const t = translator(locale);
    const board = buildBoardViewModel(await campaignSummaries(ctx), abandonLimits(ctx), locale, new Date());
    const canUpload = req.session.role === 'manager' || req.session.role === 'admin';
    renderPage(req, res, {
      template: 'campaigns',
      title: t('board.title'),
      scripts: ['/static/board.js'],
      bodyClass: 'page-board',
      page: {
        board,
        canUpload,
        boardJson: jsonForScript(board),
        i18nJson: jsonForScript({ locale, messages: dictionarySubset(locale, ['board.']) }),
      },
    });
  });

  r.get('/campaigns/board.json', pageRole('manager', 'compliance'), async (req, res) => {
    const board = buildBoardViewModel(
      await campaignSummaries(ctx),
      abandonLimits(ctx),
      resolveLocale(req),
      new Date(),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json(board);
  });

  r.get('/imports/:id', pageRole('manager'), async (req, res) => {
    const locale = resolveLocale(req);
    const t = translator(locale);
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return renderNotFound(req, res);
    let status: Awaited<ReturnType<typeof importStatus>>;
    try {
      status = await importStatus(ctx, id);
    } catch (err) {
      if (err instanceof NotFoundError) return renderNotFound(req, res);
      throw err;
    }
    const vm = buildImportViewModel(
      status,
      ctx.campaigns().get(status.campaignId)?.name ?? status.campaignId,
      locale,
    );
    renderPage(req, res, {
      template: 'import',
      title: `${t('import.title')}: ${vm.fileName}`,
      scripts: ['/static/import.js'],
      bodyClass: 'page-import',
      page: { vm, vmJson: jsonForScript(vm), progressUrl: `/imports/${id}/progress.json` },
    });
  });

  r.get('/imports/:id/progress.json', pageRole('manager'), async (req, res) => {
    const status = await importStatus(ctx, Number(req.params.id));
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      buildImportViewModel(
        status,
        ctx.campaigns().get(status.campaignId)?.name ?? status.campaignId,
        resolveLocale(req),
      ),
    );
  });

  r.get('/docs/lead-lists', pageRole(), (req, res) => {
    const t = translator(resolveLocale(req));
    renderPage(req, res, {
      template: 'lead-list-format',
      title: t('format.title'),
      bodyClass: 'page-doc',
      page: {
        required: REQUIRED_COLUMNS.map((c) => ({ ...c, meaning: t(c.meaningKey) })),
        optional: OPTIONAL_COLUMNS.map((c) => ({ ...c, meaning: t(c.meaningKey) })),
      },
    });
  });

  return r;
}
