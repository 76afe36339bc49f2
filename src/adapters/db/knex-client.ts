import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS } from '../../../migrations/index.js';

// Return BIGINT (int8) ids as numbers: ours stay far below 2^53, and domain types use number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
// NUMERIC stays a string (money); DATE stays a string (a calendar date has no zone).
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

export function createKnex(databaseUrl: string, pool: { min?: number; max?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
  });
}

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => MIGRATIONS.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = MIGRATIONS.find(([n]) => n === name);
    if (!found) throw new Error(`migration ${name} is not listed in migrations/index.ts`);
    return found[1];
  },
};

export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/** Creates `database` on the server of `adminUrl` when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = createKnex(adminUrl, { max: 1 });
  try {
    const exists = await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [database]);
    if (exists.rows.length === 0) await admin.raw('CREATE DATABASE ??', [database]);
  } finally {
    await admin.destroy();
  }
}
