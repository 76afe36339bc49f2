/** `npm run web`: the web server alone (agents, managers, compliance), against DATABASE_URL and REDIS_URL. */
import { createImportQueue } from '../adapters/queue/import-queue.js';
import { onShutdown, startFromEnvironment } from './services-entry.js';
import { startWebServer } from './web-server.js';

const { config, logger, knex, ctx } = await startFromEnvironment('web');
const queue = createImportQueue(config.redisUrl!);
const web = await startWebServer(ctx, knex, {
  databaseUrl: config.databaseUrl!,
  host: config.web.host,
  port: config.web.port,
  logger,
  enqueueImport: queue.enqueue,
});
process.stdout.write(`web server listening on ${web.url}\n`);
onShutdown(async () => {
  await web.stop();
  await queue.close();
  await ctx.bus.close();
  await knex.destroy();
});
