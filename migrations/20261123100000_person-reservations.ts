import type { Knex } from 'knex';

/**
 * One reservation per person while a dialer holds one of their leads (issue #3: "two dialer
 * processes can never call the same person at once, and no race can push a counter past its
 * limit"). Every frequency counter of every rule set is per person (or per person × debt), so a
 * person held by one lead at a time means a decision always sees the previous call's outcome.
 *
 * The dialer takes the reservation in the same statement that claims the lead; the trigger
 * releases it when the lead leaves "dialing"/"in-call" (the call's plan or the agent's disposition
 * written), inside that same transaction, so the next decision reads a history that includes it.
 * `expires_at` lets a reservation left by a dialer that died be taken over.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('person_reservations', (t) => {
    // No foreign keys: a row lives for one call, and their checks were a third of the claim's time.
    t.bigInteger('person_id').primary();
    t.bigInteger('lead_id').notNullable();
    t.text('campaign_id').notNullable();
    t.timestamp('reserved_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });
  await knex.raw(`
    CREATE FUNCTION release_person_reservation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- By the primary key (the lead's person), so the claim maintains one index, not two.
      DELETE FROM person_reservations WHERE person_id = NEW.person_id AND lead_id = NEW.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER campaign_leads_release_person
      AFTER UPDATE OF state ON campaign_leads
      FOR EACH ROW WHEN (NEW.state IN ('ready', 'closed'))
      EXECUTE FUNCTION release_person_reservation();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TRIGGER IF EXISTS campaign_leads_release_person ON campaign_leads`);
  await knex.raw(`DROP FUNCTION IF EXISTS release_person_reservation()`);
  await knex.schema.dropTableIfExists('person_reservations');
}
