import type { Knex } from 'knex';

/**
 * The dialer loads, with every claimed lead, each phone's last placed call (to rotate phones): an
 * index on the placed calls by phone keeps that a lookup instead of a scan of the attempt log,
 * which grows by millions of rows (npm run bench:lead-selection measures the claim with it).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX call_attempts_phone_dial_idx ON call_attempts (phone_id, decided_at) WHERE decision = 'dial'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP INDEX IF EXISTS call_attempts_phone_dial_idx`);
}
