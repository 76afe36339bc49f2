/** `npm run db:migrate`: applies the migrations to DATABASE_URL. */
import { loadConfig } from '../config/config.js';
import { createKnex, migrateToLatest } from '../adapters/db/knex-client.js';

const config = loadConfig();
if (!config.databaseUrl) {
  process.stderr.write('DATABASE_URL is not set (the demo migrates its embedded database itself)\n');
  process.exit(2);
}
const knex = createKnex(config.databaseUrl, { max: 1 });
try {
  const applied = await migrateToLatest(knex);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
} finally {
  await knex.destroy();
}
