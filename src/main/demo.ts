/**
 * `npm run demo`: the whole product on one machine with no configuration. Starts embedded PostgreSQL
 * (or DATABASE_URL), redis-server (or REDIS_URL), the simulated PBX (or the Asterisk at AMI_HOST),
 * the web server and the dialer worker; loads campaigns/, imports the sample lists, starts simulated
 * agents that use the agent HTTP API, and prints the URL to open. Ctrl-C stops everything.
 *
 *   --exit-after N   run N seconds, then print one JSON line of counts and stop
 *   --agents N       simulated agents (default 8)
 *   --port P         web port (default PORT or 3000; a busy port falls back to a free one)
 *   --seed S         seed of the simulated PBX's call outcomes (default 1)
 *   --time-scale X   simulated PBX speed (1 = real time)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promises as fs } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../adapters/logging/pino-logger.js';
import { SimulatedAgent } from '../sim/agents/simulated-agent.js';
import { createAppContext, systemClock } from './app-context.js';
import { startDialerWorker } from './dialer-worker.js';
import { startInfrastructure } from './infrastructure.js';
import { DEMO_PASSWORD, demoAgents, seedDemo } from './seed-demo.js';
import { startTelephony } from './telephony.js';
import { startWebServer } from './web-server.js';
import { createImportQueue } from '../adapters/queue/import-queue.js';
import { importList } from '../services/import/import-list.js';
import { openCsvFile } from '../adapters/files/csv-file-source.js';
import { demoCounts } from './demo-counts.js';

const { values: args } = parseArgs({
  options: {
    'exit-after': { type: 'string' },
    agents: { type: 'string', default: '8' },
    port: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'time-scale': { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
  },
});

const say = (line: string) => {
  if (!args.quiet) process.stderr.write(`[demo] ${line}\n`);
};

async function main(): Promise<void> {
  const startedAt = new Date();
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const s of stops.reverse()) await s().catch((err: unknown) => say(`stop: ${String(err)}`));
    })());

  const onSignal = (signal: string) => {
    say(`${signal}: stopping…`);
    void stopAll().then(() => process.exit(0));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  try {
    const infra = await startInfrastructure(config, say);
    stops.push(() => infra.stop());

    const ctx = await createAppContext(config, infra.knex, infra.redisUrl, logger);
    stops.push(() => ctx.bus.close());
    say(`loaded ${ctx.files.campaigns.length} campaigns (${ctx.files.campaigns.map((c) => c.definition.id).join(', ')}) and ${ctx.files.scripts.length} scripts`);

    const agentCount = Number(args.agents);
    const groups = [...new Set(ctx.files.campaigns.map((c) => c.definition.agentGroup))];
    const agents = demoAgents(agentCount);
    await seedDemo(infra.knex, agents, groups);

    const telephony = await startTelephony(config, {
      seed: Number(args.seed),
      timeScale: Number(args['time-scale']),
      logger,
      say,
    });
    stops.push(() => telephony.stop());

    const queue = createImportQueue(infra.redisUrl);
    stops.push(() => queue.close());
    const webOptions = { databaseUrl: infra.databaseUrl, host: config.web.host, logger, enqueueImport: queue.enqueue };
    const requestedPort = args.port ? Number(args.port) : config.web.port;
    const web = await startWebServer(ctx, infra.knex, { ...webOptions, port: requestedPort }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE') throw err;
      say(`port ${requestedPort} is busy; using a free port`);
      return startWebServer(ctx, infra.knex, { ...webOptions, port: 0 });
    });
    stops.push(() => web.stop());

    const worker = await startDialerWorker(ctx, infra.knex, telephony.telephony, infra.redisUrl, logger);
    stops.push(() => worker.stop());

    // Sample lists, once per database.
    for (const c of ctx.files.campaigns) {
      const file = path.resolve(config.campaignsDir, 'sample-lists', `${c.definition.id}.csv`);
      const exists = await fs.stat(file).then(() => true, () => false);
      if (!exists) continue;
      const already = await infra.knex('lead_lists').where({ campaign_id: c.definition.id, file_name: path.basename(file) }).first();
      if (already) continue;
      const job = await ctx.imports.createJob({ campaignId: c.definition.id, listName: 'sample list', fileName: path.basename(file), filePath: file, uploadedBy: null });
      const result = await importList({ store: ctx.imports, clock: systemClock }, job.id, openCsvFile);
      say(`imported ${path.relative(process.cwd(), file)}: ${result.importedRows} rows, ${result.leadsCreated} leads, ${result.rejectedRows} rejected`);
    }

    const simulated = agents.filter((a) => a.isSimulated).map(
      (a, i) => new SimulatedAgent({ baseUrl: web.url, username: a.username, password: DEMO_PASSWORD, seed: Number(args.seed) * 1000 + i, log: say }),
    );
    await Promise.all(simulated.map((s) => s.start()));
    stops.push(async () => {
      await Promise.all(simulated.map((s) => s.stop()));
    });

    process.stdout.write(
      `\nDialer demo is running: ${web.url}\n` +
        `  agent desk:   log in as anna (ru) or john (en), password "${DEMO_PASSWORD}"\n` +
        `  manager:      manager / ${DEMO_PASSWORD}    compliance: compliance / ${DEMO_PASSWORD}\n` +
        `  ${simulated.length} simulated agents are taking calls from the simulated PBX. Ctrl-C stops everything.\n\n`,
    );

    if (args['exit-after']) {
      const seconds = Number(args['exit-after']);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const counts = await demoCounts(infra.knex, startedAt);
      const pbx = telephony.pbxStats?.();
      await stopAll();
      process.stdout.write(`${JSON.stringify({ seconds, ...counts, ...(pbx ? { pbx } : {}) })}\n`);
      process.exit(0);
    }
  } catch (err) {
    process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
    await stopAll();
    process.exit(1);
  }
}

void main();
