/**
 * The agent desk. The page is a server-rendered frame; views/static/agent.js fills it from
 * GET /agent/desk.json (the agent API's agentView() turned into a translated view-model) whenever
 * the agent's SSE stream (/api/agent/events) reports a change, or every 2 s while the stream is down.
 * Actions go straight to the agent API (/api/agent/ready, /pause, /hangup, /disposition…).
 */
import { Router } from 'express';
import { NotFoundError } from '../../../domain/errors.js';
import { agentView } from '../routes/agent-api.js';
import { dictionarySubset, resolveLocale, translator } from '../i18n.js';
import { buildDeskViewModel, PAUSE_REASONS } from '../view-models/agent-desk.js';
import type { WebContext } from '../web-context.js';
import { jsonForScript, pageRole, renderPage } from './render.js';

/** The dictionary groups agent.js uses. */
const DESK_KEY_GROUPS = ['desk.', 'state.', 'pause.', 'common.'] as const;

export function agentPages(ctx: WebContext): Router {
  const r = Router();

  r.get('/agent', pageRole('agent'), async (req, res) => {
    const locale = resolveLocale(req);
    const t = translator(locale);
    const agent = await ctx.agents.byUserId(req.session.userId!);
    if (!agent) {
      renderPage(req, res, {
        template: 'message',
        title: t('desk.title'),
        status: 404,
        page: { heading: t('desk.title'), text: t('error.notAgent'), homeHref: '/' },
      });
      return;
    }
    const desk = buildDeskViewModel(await agentView(ctx, agent.id), locale, new Date());
    renderPage(req, res, {
      template: 'agent',
      title: t('desk.title'),
      scripts: ['/static/agent.js'],
      bodyClass: 'page-agent',
      page: {
        deskJson: jsonForScript(desk),
        i18nJson: jsonForScript({ locale, messages: dictionarySubset(locale, DESK_KEY_GROUPS) }),
        pauseReasons: PAUSE_REASONS.map((id) => ({ id, label: t(`pause.${id}`) })),
      },
    });
  });

  r.get('/agent/desk.json', pageRole('agent'), async (req, res) => {
    const agent = await ctx.agents.byUserId(req.session.userId!);
    if (!agent) throw new NotFoundError('this user is not an agent');
    const desk = buildDeskViewModel(await agentView(ctx, agent.id), resolveLocale(req), new Date());
    res.setHeader('Cache-Control', 'no-store');
    res.json(desk);
  });

  return r;
}
