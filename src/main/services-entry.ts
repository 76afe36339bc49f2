/** Shared start-up of the production entry points (web.ts, worker.ts): external services required. */
import { loadConfig, type Config } from '../config/config.js';
import { createKnex, migrateToLatest } from '../adapters/db/knex-client.js';
import { createLogger } from '../adapters/logging/pino-logger.js';
import { createAppContext } from './app-context.js';

export async function startFromEnvironment(role: string) {
  const config: Config = loadConfig();
  const logger = createLogger(config.logLevel, role);
  if (!config.databaseUrl || !config.redisUrl) {
    process.stderr.write(
      `${role}: DATABASE_URL and REDIS_URL must be set (or run "npm run demo" for the all-in-one demo)\n`,
    );
    process.exit(2);
  }
  const knex = createKnex(config.databaseUrl, { max: 20 });
  await migrateToLatest(knex);
  const ctx = await createAppContext(config, knex, config.redisUrl);
  return { config, logger, knex, ctx };
}

export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
