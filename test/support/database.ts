import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { createKnex } from '../../src/adapters/db/knex-client.js';

const TEMPLATE_DATABASE = 'dialer_template';

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<{ knex: Knex; url: string; drop(): Promise<void> }> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `dialer_test_${randomBytes(5).toString('hex')}`;
  const admin = createKnex(adminUrl, { max: 1 });
  await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, TEMPLATE_DATABASE]);
  await admin.destroy();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const knex = createKnex(url, { max: 10 });
  return {
    knex,
    url,
    async drop() {
      await knex.destroy();
      const a = createKnex(adminUrl, { max: 1 });
      await a.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await a.destroy();
    },
  };
}
