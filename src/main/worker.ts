/** `npm run worker`: the dialer worker alone, against DATABASE_URL, REDIS_URL and the Asterisk at AMI_HOST. */
import { startDialerWorker } from './dialer-worker.js';
import { onShutdown, startFromEnvironment } from './services-entry.js';
import { startTelephony } from './telephony.js';

const { config, logger, knex, ctx } = await startFromEnvironment('worker');
if (!config.ami.host) {
  process.stderr.write(
    'worker: AMI_HOST must be set (the simulated PBX is started by "npm run demo" or "npm run sim-pbx")\n',
  );
  process.exit(2);
}
const telephony = await startTelephony(config, {
  seed: 1,
  timeScale: 1,
  logger,
  say: (l: string) => logger.info({}, l),
});
const worker = await startDialerWorker(ctx, knex, telephony.telephony, config.redisUrl!, logger);
process.stdout.write(`dialer worker connected to AMI ${config.ami.host}:${config.ami.port}\n`);
onShutdown(async () => {
  await worker.stop();
  await telephony.stop();
  await ctx.bus.close();
  await knex.destroy();
});
