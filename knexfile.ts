/** knex CLI configuration (e.g. `DATABASE_URL=… npx tsx node_modules/knex/bin/cli.js migrate:status`). `npm run db:migrate` does the same through src/main/migrate.ts. */
import type { Knex } from 'knex';

const config: Knex.Config = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { directory: './migrations', loadExtensions: ['.ts'] },
};

export default config;
