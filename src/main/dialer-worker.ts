/** The dialer worker: pacing loop per campaign, PBX events, agent commands, imports, wrap-up timeouts. */
import type { Knex } from 'knex';
import { createImportWorker } from '../adapters/queue/import-queue.js';
import { openCsvFile } from '../adapters/files/csv-file-source.js';
import { DialerService } from '../services/dialer/dialer-service.js';
import { importList } from '../services/import/import-list.js';
import type { Telephony } from '../ports/telephony.js';
import type { Logger } from '../ports/logger.js';
import { systemClock, type AppContext } from './app-context.js';

const TICK_MS = 1_000;
const WRAP_UP_SCAN_MS = 2_000;
const LEG_RETRY_MS = 30_000;
const LEG_REQUEST_MIN_GAP_MS = 5_000;

export async function startDialerWorker(
  ctx: AppContext,
  knex: Knex,
  telephony: Telephony,
  redisUrl: string,
  logger: Logger,
) {
  const dialer = new DialerService({
    leads: ctx.leads,
    agents: ctx.agents,
    attempts: ctx.attempts,
    telephony,
    bus: ctx.bus,
    clock: systemClock,
    logger,
    abandonmentSince: (campaignId, since) => ctx.attempts.abandonmentSince(campaignId, since),
  });
  const running = (await ctx.campaignStore.list()).filter((c) => c.status === 'running');
  const now = systemClock.now();
  for (const c of running) {
    const recovered = await ctx.leads.recoverStale(c.id, now);
    if (recovered) logger.warn({ campaignId: c.id, recovered }, 'dialer.recovered_stale_leads');
  }
  // Calls in flight died with the previous worker: their agents are free again.
  await knex('agents')
    .where('state', 'reserved')
    .update({ state: 'ready', current_attempt_id: null, current_campaign_id: null });
  const loadRunning = async () => {
    const rows = (await ctx.campaignStore.list()).filter((c) => c.status === 'running');
    dialer.setCampaigns(rows.map((c) => ({ id: c.id, definition: ctx.campaigns.get(c.id) ?? c.definition })));
  };
  await loadRunning();
  dialer.start();

  // Agent phone legs: called at log-in, and again after the PBX link comes back (a reconnect or a
  // PBX restart drops them). At most one request per agent per LEG_RETRY_MS (a real phone may ring).
  const legRequestedAt = new Map<number, number>();
  const requestLeg = async (agentId: number, force = false) => {
    const agent = await ctx.agents.get(agentId);
    if (!agent || agent.state === 'offline' || agent.isLegUp) return;
    const last = legRequestedAt.get(agentId) ?? 0;
    // An explicit request (log-in, Ready) may repeat sooner, but never while a call to the phone is young.
    if (systemClock.now().getTime() - last < (force ? LEG_REQUEST_MIN_GAP_MS : LEG_RETRY_MS)) return;
    if (!telephony.isReady) return; // asked again when the link is up
    legRequestedAt.set(agentId, systemClock.now().getTime());
    await telephony.originateAgentLeg({
      agentId: String(agent.id),
      room: agent.room,
      endpoint: agent.endpoint,
    });
  };
  const requestMissingLegs = async () => {
    for (const a of await ctx.agents.list()) {
      if (a.state !== 'offline' && !a.isLegUp)
        await requestLeg(a.id).catch((err: unknown) =>
          logger.warn({ err, agentId: a.id }, 'dialer.agent_leg.failed'),
        );
    }
  };
  const offLink = telephony.onEvent((e) => {
    if (e.kind === 'link' && e.up) void requestMissingLegs();
  });
  const legScan = setInterval(() => void requestMissingLegs().catch(() => undefined), LEG_RETRY_MS);

  const unsubscribe = await ctx.bus.onCommand((command) => {
    void (async () => {
      switch (command.type) {
        case 'agent-ready':
          await dialer.tick();
          return;
        case 'campaigns-changed':
          // A paused campaign places no new calls; the calls it has in progress finish normally.
          await loadRunning();
          return;
        case 'preview':
          await dialer.previewAction(command.agentId, command.attemptId, command.action);
          return;
        case 'hangup':
          await dialer.hangupCall(command.attemptId);
          return;
        case 'agent-leg': {
          if (command.up) {
            await requestLeg(command.agentId, true);
            return;
          }
          const agent = await ctx.agents.get(command.agentId);
          legRequestedAt.delete(command.agentId);
          if (agent && telephony.isReady) await telephony.hangupAgentLeg(agent.room);
          return;
        }
      }
    })().catch((err: unknown) => logger.warn({ err, command: command.type }, 'dialer.command.failed'));
  });

  let stopped = false;
  const loop = setInterval(() => {
    if (!stopped) void dialer.tick().catch((err: unknown) => logger.error({ err }, 'dialer.tick.failed'));
  }, TICK_MS);

  const wrapUpScan = setInterval(() => {
    void (async () => {
      const agents = await ctx.agents.list();
      const t = systemClock.now().getTime();
      for (const a of agents) {
        if (a.state !== 'wrap-up' || !a.currentAttemptId || !a.currentCampaignId) continue;
        const campaign = ctx.campaigns.get(a.currentCampaignId);
        if (!campaign?.wrapUp.autoDisposition || t - a.stateSince.getTime() < campaign.wrapUp.timeout)
          continue;
        await ctx.desk
          .dispose(
            a.id,
            { attemptId: a.currentAttemptId, code: campaign.wrapUp.autoDisposition },
            { isAutomatic: true },
          )
          .catch((err: unknown) => logger.warn({ err, agentId: a.id }, 'dialer.auto_disposition.failed'));
      }
    })().catch((err: unknown) => logger.warn({ err }, 'dialer.wrap_up_scan.failed'));
  }, WRAP_UP_SCAN_MS);

  const importWorker = createImportWorker(redisUrl, async (importJobId, progress) => {
    const result = await importList(
      { store: ctx.imports, clock: systemClock, onProgress: (n) => void progress(n) },
      importJobId,
      openCsvFile,
    );
    logger.info(
      { importJobId, status: result.status, imported: result.importedRows, rejected: result.rejectedRows },
      'import.finished',
    );
    await dialer.tick();
  });

  return {
    dialer,
    async stop() {
      stopped = true;
      clearInterval(loop);
      clearInterval(wrapUpScan);
      clearInterval(legScan);
      offLink();
      dialer.stop();
      await unsubscribe();
      await importWorker.close();
    },
  };
}
