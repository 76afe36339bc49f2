/**
 * Starts the whole demo stack in this process: PostgreSQL, Redis, the simulated PBX (or the Asterisk
 * at AMI_HOST), the web server, the dialer worker, the sample lists and the simulated agents.
 * Used by `npm run demo` (main/demo.ts) and by the end-to-end tests.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Knex } from 'knex';
import type { Config } from '../config/config.js';
import { createConsoleLogger } from '../adapters/logging/console-logger.js';
import { SimulatedAgent } from '../sim/agents/simulated-agent.js';
import { createAppContext, systemClock } from './app-context.js';
import { loadCampaignFiles } from '../adapters/campaign-files/load-campaign-files.js';
import { startDialerWorker } from './dialer-worker.js';
import { startInfrastructure } from './infrastructure.js';
import { DEMO_PASSWORD, demoAgents, seedDemo } from './seed-demo.js';
import { startTelephony } from './telephony.js';
import { startWebServer } from './web-server.js';
import { createImportQueue } from '../adapters/queue/import-queue.js';
import { importList } from '../services/import/import-list.js';
import { openCsvFile } from '../adapters/files/csv-file-source.js';

/** At the end of a timed run: how long calls in progress may take to end, and agents to wrap up. */
const DRAIN_CALLS_MS = 40_000;
const DRAIN_WRAP_UP_MS = 15_000;

export interface DemoOptions {
  agents: number;
  port: number;
  seed: number;
  timeScale: number;
  say: (line: string) => void;
  logLevel?: string;
  /** Simulated agents' wrap-up time range (ms). */
  wrapUpMs?: [number, number];
}

export interface RunningDemo {
  url: string;
  /** Stops placing calls, ends the calls in progress and lets agents finish their wrap-up. */
  drain(): Promise<void>;
  knex: Knex;
  simulatedAgents: number;
  pbxStats: (() => unknown) | undefined;
  stop(): Promise<void>;
}

export async function startDemo(config: Config, options: DemoOptions): Promise<RunningDemo> {
  const say = options.say;
  const logger = createConsoleLogger(options.logLevel ?? process.env.LOG_LEVEL ?? 'warn');
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const s of stops.reverse()) await s().catch((err: unknown) => say(`stop: ${String(err)}`));
    })());
  try {
    // Campaign files first: a mistake in them stops the demo before anything is started.
    const files = await loadCampaignFiles(config.campaignsDir);
    const infra = await startInfrastructure(config, say);
    stops.push(() => infra.stop());

    const ctx = await createAppContext(config, infra.knex, infra.redisUrl, files);
    stops.push(() => ctx.bus.close());
    say(
      `loaded ${ctx.files.campaigns.length} campaigns (${ctx.files.campaigns.map((c) => c.definition.id).join(', ')}) and ${ctx.files.scripts.length} scripts`,
    );

    const agentCount = options.agents;
    const groups = [...new Set(ctx.files.campaigns.map((c) => c.definition.agentGroup))];
    const agents = demoAgents(agentCount);
    await seedDemo(infra.knex, agents, groups, config.ami.agentEndpointTemplate);

    const telephony = await startTelephony(config, {
      seed: options.seed,
      timeScale: options.timeScale,
      logger,
      say,
    });
    stops.push(() => telephony.stop());

    const queue = createImportQueue(infra.redisUrl);
    stops.push(() => queue.close());
    const webOptions = {
      databaseUrl: infra.databaseUrl,
      host: config.web.host,
      logger,
      enqueueImport: queue.enqueue,
    };
    const requestedPort = options.port;
    const web = await startWebServer(ctx, infra.knex, { ...webOptions, port: requestedPort }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EADDRINUSE') throw err;
        say(`port ${requestedPort} is busy; using a free port`);
        return startWebServer(ctx, infra.knex, { ...webOptions, port: 0 });
      },
    );
    stops.push(() => web.stop());

    const worker = await startDialerWorker(ctx, infra.knex, telephony.telephony, infra.redisUrl, logger);
    stops.push(() => worker.stop());

    // Sample lists, once per database. Never against a real PBX: the sample numbers are made up but
    // may belong to real people, and a real trunk would ring them.
    const sampleCampaigns = config.ami.host ? [] : ctx.files.campaigns;
    if (config.ami.host) say('AMI_HOST is set: the sample lists are not imported (upload your own lists)');
    for (const c of sampleCampaigns) {
      const file = path.resolve(config.campaignsDir, 'sample-lists', `${c.definition.id}.csv`);
      const exists = await fs.stat(file).then(
        () => true,
        () => false,
      );
      if (!exists) continue;
      const already = await infra
        .knex('lead_lists')
        .where({ campaign_id: c.definition.id, file_name: path.basename(file) })
        .first();
      if (already) continue;
      const job = await ctx.imports.createJob({
        campaignId: c.definition.id,
        listName: 'sample list',
        fileName: path.basename(file),
        filePath: file,
        uploadedBy: null,
      });
      const result = await importList({ store: ctx.imports, clock: systemClock }, job.id, openCsvFile);
      say(
        `imported ${path.relative(process.cwd(), file)}: ${result.importedRows} rows, ${result.leadsCreated} leads, ${result.rejectedRows} rejected`,
      );
    }

    const simulated = agents
      .filter((a) => a.isSimulated)
      .map(
        (a, i) =>
          new SimulatedAgent({
            baseUrl: web.url,
            username: a.username,
            password: DEMO_PASSWORD,
            seed: options.seed * 1000 + i,
            log: say,
            wrapUpMs: options.wrapUpMs,
          }),
      );
    await Promise.all(simulated.map((s) => s.start()));
    stops.push(async () => {
      await Promise.all(simulated.map((s) => s.stop()));
    });

    const drain = async () => {
      const open = await worker.dialer.drain(DRAIN_CALLS_MS);
      if (open > 0) say(`${open} calls still open after the drain`);
      const deadline = Date.now() + DRAIN_WRAP_UP_MS;
      while (Date.now() < deadline) {
        const busy = await infra
          .knex('agents')
          .whereIn('state', ['on-call', 'wrap-up', 'reserved'])
          .count<{ count: string }[]>('* as count');
        if (Number(busy[0]?.count ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    return {
      url: web.url,
      knex: infra.knex,
      simulatedAgents: simulated.length,
      pbxStats: telephony.pbxStats,
      drain,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
