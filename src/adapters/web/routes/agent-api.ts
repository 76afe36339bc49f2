/**
 * The agent API: the agent's browser page and the demo's simulated agents use exactly these calls.
 */
import { Router, type Request } from 'express';
import { createSession, createChannel } from 'better-sse';
import { renderScriptText } from '../../../domain/campaign/script-definition.js';
import { localize } from '../../../domain/campaign/campaign-definition.js';
import { NotFoundError } from '../../../domain/errors.js';
import type { AgentNotice } from '../../../ports/event-bus.js';
import { requireRole } from './auth.js';
import type { WebContext } from '../web-context.js';

async function agentOf(ctx: WebContext, req: Request) {
  const agent = await ctx.agents.byUserId(req.session.userId!);
  if (!agent) throw new NotFoundError('this user is not an agent');
  return agent;
}

export function agentApiRoutes(ctx: WebContext): Router {
  const r = Router();
  r.use('/api/agent', requireRole('agent'));

  r.get('/api/agent/me', async (req, res) => {
    const agent = await agentOf(ctx, req);
    res.json(await agentView(ctx, agent.id));
  });
  r.post('/api/agent/login', async (req, res) => {
    const agent = await agentOf(ctx, req);
    await ctx.desk.login(agent.id);
    res.json(await agentView(ctx, agent.id));
  });
  r.post('/api/agent/ready', async (req, res) => {
    const agent = await agentOf(ctx, req);
    await ctx.desk.ready(agent.id);
    res.json(await agentView(ctx, agent.id));
  });
  r.post('/api/agent/pause', async (req, res) => {
    const agent = await agentOf(ctx, req);
    const reason = typeof req.body?.reason === 'string' ? req.body.reason.slice(0, 40) : 'break';
    await ctx.desk.pause(agent.id, reason);
    res.json(await agentView(ctx, agent.id));
  });
  r.post('/api/agent/logout', async (req, res) => {
    const agent = await agentOf(ctx, req);
    await ctx.desk.logout(agent.id);
    res.json(await agentView(ctx, agent.id));
  });
  r.post('/api/agent/hangup', async (req, res) => {
    const agent = await agentOf(ctx, req);
    await ctx.desk.hangup(agent.id);
    res.status(202).json({ ok: true });
  });
  /** Preview mode: body {"action": "call" | "skip"}. */
  r.post('/api/agent/preview', async (req, res) => {
    const agent = await agentOf(ctx, req);
    await ctx.desk.preview(agent.id, (req.body as { action?: unknown } | undefined)?.action);
    res.status(202).json({ ok: true });
  });
  r.post('/api/agent/disposition', async (req, res) => {
    const agent = await agentOf(ctx, req);
    await ctx.desk.dispose(agent.id, req.body);
    res.json(await agentView(ctx, agent.id));
  });

  // Server-sent events: state changes and screen pops pushed to the agent's one open page.
  const channels = new Map<number, ReturnType<typeof createChannel>>();
  void ctx.bus.onAgentNotice((agentId: number, notice: AgentNotice) => {
    channels.get(agentId)?.broadcast(notice, notice.type);
  });
  r.get('/api/agent/events', async (req, res) => {
    const agent = await agentOf(ctx, req);
    const session = await createSession(req, res, { keepAlive: 15_000 });
    let channel = channels.get(agent.id);
    if (!channel) {
      channel = createChannel();
      channels.set(agent.id, channel);
    }
    channel.register(session);
    session.push({ type: 'hello' }, 'hello');
  });
  return r;
}

/** The agent's whole screen as data: state, the call in hand with lead, script and dispositions. */
export async function agentView(ctx: WebContext, agentId: number) {
  const agent = await ctx.agents.get(agentId);
  if (!agent) throw new NotFoundError(`agent ${agentId} does not exist`);
  let call = null;
  if (
    agent.currentAttemptId &&
    (agent.state === 'on-call' || agent.state === 'wrap-up' || agent.state === 'reserved')
  ) {
    const desk = await ctx.deskReadModel.callFor(agent.currentAttemptId);
    const campaign = desk ? ctx.campaigns().get(desk.campaignId) : undefined;
    if (desk && campaign) {
      const script = ctx.scripts().get(campaign.script);
      const values = {
        'person.name': desk.person.name,
        'person.firstName':
          desk.person.name.split(/\s+/)[campaign.locale === 'ru' ? 1 : 0] ?? desk.person.name,
        'person.role': desk.person.role,
        'debt.balance': desk.debt.balance,
        'debt.currency': desk.debt.currency,
        'debt.daysPastDue': desk.debt.daysPastDue,
        'debt.accountNumber': desk.debt.accountNumber,
        'campaign.callerName': campaign.callerId.name,
        'campaign.callerNumber': campaign.callerId.number,
        'agent.name': agent.displayName,
      };
      call = {
        ...desk,
        campaignName: campaign.name,
        locale: campaign.locale,
        script: script
          ? {
              name: script.name,
              steps: script.steps.map((s) => ({
                ...s,
                say: renderScriptText(s.say, values),
                ifNot: s.ifNot ? renderScriptText(s.ifNot, values) : undefined,
              })),
              situations: script.situations.map((s) => ({ ...s, say: renderScriptText(s.say, values) })),
              avoid: script.avoid,
            }
          : null,
        dispositions: campaign.dispositions.map((d) => ({
          id: d.id,
          label: localize(d.label, campaign.locale),
          action: d.action,
          hotkey: d.hotkey ?? null,
        })),
        wrapUpTimeoutMs: campaign.wrapUp.timeout,
      };
    }
  }
  return {
    agent: {
      id: agent.id,
      name: agent.displayName,
      room: agent.room,
      state: agent.state,
      stateSince: agent.stateSince,
      pauseReason: agent.pauseReason,
      isLegUp: agent.isLegUp,
      attemptId: agent.currentAttemptId,
    },
    call,
  };
}
