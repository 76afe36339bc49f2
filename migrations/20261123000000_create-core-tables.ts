/**
 * The data model of the dialer (docs/data-model.md). All instants are timestamptz in UTC.
 * call_attempts, call_attempt_events, dispositions and agent_state_changes are append-only:
 * compliance staff rely on them, so a trigger refuses UPDATE, DELETE and TRUNCATE for every role.
 */
import type { Knex } from 'knex';

const APPEND_ONLY_TABLES = ['call_attempts', 'call_attempt_events', 'dispositions', 'agent_state_changes'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.text('role').notNullable().checkIn(['admin', 'manager', 'agent', 'compliance'], 'users_role_check');
    t.text('locale').notNullable().defaultTo('en').checkIn(['ru', 'en'], 'users_locale_check');
    t.boolean('is_disabled').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('campaigns', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.jsonb('definition').notNullable();
    t.text('source_file').notNullable();
    t.text('source_sha256').notNullable();
    t.text('status')
      .notNullable()
      .defaultTo('stopped')
      .checkIn(['running', 'paused', 'stopped'], 'campaigns_status_check');
    t.timestamp('loaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('status_changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('scripts', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('locale').notNullable();
    t.jsonb('definition').notNullable();
    t.text('source_file').notNullable();
    t.text('source_sha256').notNullable();
    t.timestamp('loaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('agents', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().unique().references('users.id');
    /** ConfBridge room and dialplan exten of the agent's nailed-up leg, e.g. agent1001. */
    t.text('room').notNullable().unique();
    /** Dial string of the agent's phone, e.g. PJSIP/agent1001. */
    t.text('endpoint').notNullable();
    t.specificType('groups', 'text[]').notNullable().defaultTo('{}');
    t.text('state')
      .notNullable()
      .defaultTo('offline')
      .checkIn(['offline', 'paused', 'ready', 'reserved', 'on-call', 'wrap-up'], 'agents_state_check');
    t.timestamp('state_since', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('pause_reason');
    t.text('current_attempt_id');
    t.text('current_campaign_id').references('campaigns.id');
    t.boolean('is_leg_up').notNullable().defaultTo(false);
    t.index(['state']);
  });

  await knex.schema.createTable('agent_state_changes', (t) => {
    t.bigIncrements('id');
    t.integer('agent_id').notNullable().references('agents.id');
    t.text('from_state').notNullable();
    t.text('to_state').notNullable();
    t.text('reason');
    t.text('attempt_id');
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agent_id', 'changed_at']);
  });

  await knex.schema.createTable('persons', (t) => {
    t.bigIncrements('id');
    /** The list's own key for the person, when it has one; else account + role + name. */
    t.text('external_ref').notNullable().unique();
    t.text('full_name').notNullable();
    t.date('birth_date');
    t.text('country');
    t.text('region');
    t.text('postal_code');
    /** Flags that block contact (230-FZ art. 7 p.1-2, Reg F 1006.6): bankruptcy, attorney, cease, refused… */
    t.specificType('flags', 'text[]').notNullable().defaultTo('{}');
    /** "Not before 10:00" and the like: local HH:MM window the person asked for, across every campaign. */
    t.text('quiet_before_local');
    t.text('quiet_after_local');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('debts', (t) => {
    t.bigIncrements('id');
    t.text('account_number').notNullable().unique();
    t.decimal('balance', 14, 2);
    t.text('currency');
    t.integer('days_past_due');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('debt_persons', (t) => {
    t.bigInteger('debt_id').notNullable().references('debts.id');
    t.bigInteger('person_id').notNullable().references('persons.id');
    t.text('role').notNullable().checkIn(['debtor', 'guarantor', 'third_party'], 'debt_persons_role_check');
    /** 230-FZ art. 4 p.5: third parties only with the debtor's recorded consent. */
    t.boolean('has_third_party_consent').notNullable().defaultTo(false);
    t.primary(['debt_id', 'person_id']);
  });

  await knex.schema.createTable('phones', (t) => {
    t.bigIncrements('id');
    t.bigInteger('person_id').notNullable().references('persons.id');
    t.text('e164').notNullable();
    t.text('type')
      .notNullable()
      .defaultTo('other')
      .checkIn(['mobile', 'home', 'work', 'other'], 'phones_type_check');
    /** Where the number came from: list:<id>, agent:<id>, api. */
    t.text('source').notNullable();
    /** IANA zones the person may be in when reached on this phone; the window is their intersection. */
    t.specificType('candidate_zones', 'text[]').notNullable().defaultTo('{}');
    /** Which source gave the zones: explicit, region, number, default. */
    t.text('zone_source');
    t.text('status')
      .notNullable()
      .defaultTo('ok')
      .checkIn(['ok', 'bad', 'wrong-number'], 'phones_status_check');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['person_id', 'e164']);
    t.index(['e164']);
  });

  await knex.schema.createTable('lead_lists', (t) => {
    t.bigIncrements('id');
    t.text('campaign_id').notNullable().references('campaigns.id');
    t.text('name').notNullable();
    t.text('file_name').notNullable();
    t.integer('uploaded_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('import_jobs', (t) => {
    t.bigIncrements('id');
    t.bigInteger('list_id').notNullable().references('lead_lists.id');
    t.text('status')
      .notNullable()
      .defaultTo('queued')
      .checkIn(['queued', 'running', 'done', 'failed'], 'import_jobs_status_check');
    t.text('file_path').notNullable();
    t.integer('total_rows').notNullable().defaultTo(0);
    t.integer('processed_rows').notNullable().defaultTo(0);
    t.integer('imported_rows').notNullable().defaultTo(0);
    t.integer('rejected_rows').notNullable().defaultTo(0);
    t.integer('leads_created').notNullable().defaultTo(0);
    /** Row-level problems: [{row, field, message}] (capped; the count is rejected_rows). */
    t.jsonb('row_errors').notNullable().defaultTo('[]');
    t.text('failure');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
  });

  await knex.schema.createTable('campaign_leads', (t) => {
    t.bigIncrements('id');
    t.text('campaign_id').notNullable().references('campaigns.id');
    t.bigInteger('debt_id').notNullable().references('debts.id');
    t.bigInteger('person_id').notNullable().references('persons.id');
    t.bigInteger('list_id').references('lead_lists.id');
    t.text('state')
      .notNullable()
      .defaultTo('ready')
      .checkIn(['ready', 'dialing', 'in-call', 'closed'], 'campaign_leads_state_check');
    /** When the lead may be dialed next (retry delay, callback, promise date). */
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('attempts').notNullable().defaultTo(0);
    /** Attempts per system outcome, for the campaign's retry.onOutcome.maxAttempts. */
    t.jsonb('outcome_counts').notNullable().defaultTo('{}');
    t.text('last_outcome');
    t.timestamp('last_attempt_at', { useTz: true });
    t.bigInteger('last_phone_id').references('phones.id');
    t.text('closed_reason');
    t.integer('priority').notNullable().defaultTo(0);
    /** A callback owned by one agent: only that agent gets the call. */
    t.integer('owner_agent_id').references('agents.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['campaign_id', 'debt_id', 'person_id']);
  });
  // The dialer's hopper query: ready leads of one campaign in next_attempt_at order.
  await knex.raw(
    `CREATE INDEX campaign_leads_due_idx ON campaign_leads (campaign_id, next_attempt_at, priority DESC) WHERE state = 'ready'`,
  );

  await knex.schema.createTable('dnc_entries', (t) => {
    t.bigIncrements('id');
    t.text('scope').notNullable().checkIn(['global', 'campaign', 'person'], 'dnc_entries_scope_check');
    t.text('campaign_id').references('campaigns.id');
    t.bigInteger('person_id').references('persons.id');
    /** The number, for phone-level entries (global and campaign scope). */
    t.text('e164');
    t.text('source').notNullable();
    t.text('reason');
    t.timestamp('received_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true });
    t.integer('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['e164']);
    t.index(['person_id']);
  });
  await knex.raw(`ALTER TABLE dnc_entries ADD CONSTRAINT dnc_entries_target_check CHECK (
    (scope = 'global' AND e164 IS NOT NULL) OR
    (scope = 'campaign' AND campaign_id IS NOT NULL AND e164 IS NOT NULL) OR
    (scope = 'person' AND person_id IS NOT NULL))`);

  await knex.schema.createTable('call_attempts', (t) => {
    /** Also the PBX ChannelId of the call, so every AMI event maps back here. */
    t.text('id').primary();
    t.text('campaign_id').notNullable().references('campaigns.id');
    t.bigInteger('lead_id').notNullable().references('campaign_leads.id');
    t.bigInteger('person_id').notNullable().references('persons.id');
    t.bigInteger('debt_id').notNullable().references('debts.id');
    t.bigInteger('phone_id').references('phones.id');
    t.text('phone_e164');
    t.text('dial_mode').notNullable();
    /**
     * dial = the call was placed; skip = the lead was due and was not dialed (reason_codes say why);
     * preview = the lead passed the checks and was shown to an agent, who decides (a dial or skip row follows).
     */
    t.text('decision').notNullable().checkIn(['dial', 'skip', 'preview'], 'call_attempts_decision_check');
    t.specificType('reason_codes', 'text[]').notNullable().defaultTo('{}');
    /** Zones, local times, counters and rule results considered. */
    t.jsonb('decision_detail').notNullable().defaultTo('{}');
    t.integer('reserved_agent_id').references('agents.id');
    t.text('caller_id');
    t.timestamp('decided_at', { useTz: true }).notNullable();
    t.index(['campaign_id', 'decided_at']);
    t.index(['lead_id']);
    t.index(['person_id', 'decided_at']);
  });

  await knex.schema.createTable('call_attempt_events', (t) => {
    t.bigIncrements('id');
    t.text('attempt_id').notNullable().references('call_attempts.id');
    t.text('event')
      .notNullable()
      .checkIn(
        [
          'originated',
          'originate-failed',
          'ringing',
          'answered',
          'amd',
          'human-waiting',
          'connected',
          'abandoned',
          'machine-message',
          'preview-skipped',
          'preview-expired',
          'ended',
        ],
        'call_attempt_events_event_check',
      );
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.integer('agent_id').references('agents.id');
    /** For "ended": the system outcome. */
    t.text('outcome');
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.index(['attempt_id']);
    t.index(['event', 'occurred_at']);
  });
  // One "ended" per attempt, so replays of the same AMI evidence are idempotent.
  await knex.raw(
    `CREATE UNIQUE INDEX call_attempt_events_one_end ON call_attempt_events (attempt_id) WHERE event = 'ended'`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX call_attempt_events_one_connect ON call_attempt_events (attempt_id) WHERE event = 'connected'`,
  );

  await knex.schema.createTable('dispositions', (t) => {
    t.bigIncrements('id');
    t.text('attempt_id').notNullable().unique().references('call_attempts.id');
    t.bigInteger('lead_id').notNullable().references('campaign_leads.id');
    t.text('campaign_id').notNullable().references('campaigns.id');
    t.integer('agent_id').references('agents.id');
    t.text('code').notNullable();
    t.text('action').notNullable();
    t.boolean('is_conversation').notNullable();
    t.boolean('is_right_party').notNullable();
    t.boolean('is_automatic').notNullable().defaultTo(false);
    t.text('notes');
    t.timestamp('created_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('callbacks', (t) => {
    t.bigIncrements('id');
    t.bigInteger('lead_id').notNullable().references('campaign_leads.id');
    t.text('attempt_id').references('call_attempts.id');
    t.integer('agent_id').references('agents.id');
    t.boolean('is_agent_owned').notNullable().defaultTo(false);
    t.timestamp('scheduled_at', { useTz: true }).notNullable();
    /** The zone the agent picked the time in (the person's). */
    t.text('zone').notNullable();
    t.text('notes');
    t.text('status')
      .notNullable()
      .defaultTo('pending')
      .checkIn(['pending', 'done', 'cancelled'], 'callbacks_status_check');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('promises_to_pay', (t) => {
    t.bigIncrements('id');
    t.bigInteger('debt_id').notNullable().references('debts.id');
    t.bigInteger('person_id').notNullable().references('persons.id');
    t.text('attempt_id').references('call_attempts.id');
    t.integer('agent_id').references('agents.id');
    t.decimal('amount', 14, 2).notNullable();
    t.text('currency').notNullable();
    t.date('due_date').notNullable();
    t.text('status')
      .notNullable()
      .defaultTo('pending')
      .checkIn(['pending', 'kept', 'broken'], 'promises_status_check');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // express-session store (connect-pg-simple's table layout).
  await knex.raw(
    `CREATE TABLE "session" ("sid" varchar NOT NULL PRIMARY KEY, "sess" json NOT NULL, "expire" timestamp(6) NOT NULL)`,
  );
  await knex.raw(`CREATE INDEX "IDX_session_expire" ON "session" ("expire")`);

  await knex.raw(`
    CREATE FUNCTION refuse_change_to_append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$`);
  for (const table of APPEND_ONLY_TABLES) {
    await knex.raw(
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`,
    );
    await knex.raw(
      `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`,
    );
  }
}

export async function down(): Promise<void> {
  // Never rolled back: the attempt log is evidence (docs/adr/0002-append-only-attempt-log.md).
  throw new Error('the core tables are not dropped by a migration');
}
