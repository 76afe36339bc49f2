/**
 * `npm run bench:lead-selection` — with 1,000,000 leads of one campaign spread over 24 time zones in
 * PostgreSQL, the time to take the next 100 callable leads (issue #3 goal: p99 ≤ 10 ms).
 *
 * Every lead carries its next allowed instant (campaign_leads.next_attempt_at: the opening of its
 * zone's window, a scheduled retry, or a past instant when it is callable now), so the dialer's
 * claim is one indexed statement (KnexLeadRepository.selectAndReserve: the partial index
 * campaign_leads_due_idx, FOR UPDATE SKIP LOCKED, the person reservations) and never evaluates the
 * leads that are not due. Measured: the indexed query alone (select and lock, rolled back), the
 * claim statement (select, mark "dialing", reserve the persons), and the whole claimDue (the claim
 * plus loading persons, phones, DNC and 35 days of history for the 100 leads). Between iterations
 * the claimed leads are handed back with a retry a day later, as after a no-answer, outside the
 * timing, so each iteration takes fresh leads.
 *
 * Starts its own embedded PostgreSQL in a temporary folder (or uses BENCH_DATABASE_URL, an admin
 * URL of a server where it may create and drop the database "dialer_bench").
 * Options: --leads N (default 1000000), --iterations N (default 500), --batch N (default 100).
 */
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createKnex, migrateToLatest } from '../../src/adapters/db/knex-client.js';
import { KnexLeadRepository } from '../../src/adapters/db/knex-lead-repository.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/adapters/runtime/embedded-postgres.js';
import { findFreePort } from '../../src/adapters/runtime/free-port.js';
import { positiveOption } from './options.js';
import { checkCallingWindows, nextAllowedAt } from '../../src/domain/compliance/calling-window.js';
import type { CallingWindow } from '../../src/domain/campaign/campaign-definition.js';

const LEADS = positiveOption('leads', 1_000_000, true);
const ITERATIONS = positiveOption('iterations', 500, true);
const BATCH = positiveOption('batch', 100, true);
const DATABASE = 'dialer_bench';
const CAMPAIGN = 'bench';

const ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'Europe/London',
  'America/Toronto',
  'America/Vancouver',
  'America/Halifax',
  'America/St_Johns',
];
const WINDOWS: CallingWindow[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '21:00' },
  { days: ['sat', 'sun', 'holiday'], from: '09:00', to: '20:00' },
];

class RollBack extends Error {}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Number(x.toFixed(2));
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

function progress(text: string) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

async function main() {
  let pg: RunningPostgres | null = null;
  let tmp: string | null = null;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-bench-pg-'));
    await fs.chmod(tmp, 0o755); // as root, PostgreSQL runs as "postgres", which must traverse it
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await findFreePort() });
    adminUrl = pg.url('postgres');
  }
  const admin = createKnex(adminUrl, { max: 1 });
  await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [DATABASE]);
  await admin.raw(`CREATE DATABASE ??`, [DATABASE]);
  await admin.destroy();
  const knex = createKnex(adminUrl.replace(/\/[^/]*$/, `/${DATABASE}`), { max: 4 });
  try {
    await migrateToLatest(knex);
    const now = new Date();
    const zones = ZONES.map((zone, idx) => ({
      idx,
      zone,
      isOpen: checkCallingWindows(now, [zone], WINDOWS).isAllowed,
      opensAt: nextAllowedAt(now, [zone], WINDOWS) ?? new Date(now.getTime() + 86_400_000),
    }));
    progress(
      `loading ${LEADS.toLocaleString('en')} leads over ${ZONES.length} zones (${zones.filter((z) => z.isOpen).length} inside their window now)…`,
    );
    const loadStart = performance.now();
    await knex('campaigns').insert({
      id: CAMPAIGN,
      name: 'Benchmark',
      definition: JSON.stringify({ id: CAMPAIGN }),
      source_file: 'bench',
      source_sha256: 'bench',
      status: 'running',
    });
    await knex.raw(
      `CREATE TEMP TABLE bench_zones (idx int PRIMARY KEY, zone text, is_open bool, opens_at timestamptz)`,
    );
    await knex('bench_zones').insert(
      zones.map((z) => ({ idx: z.idx, zone: z.zone, is_open: z.isOpen, opens_at: z.opensAt })),
    );
    const n = LEADS;
    await knex.raw(
      `INSERT INTO persons (id, external_ref, full_name)
       SELECT g, 'bench-p' || g, 'Person ' || g FROM generate_series(1, ?::int) g`,
      [n],
    );
    progress('persons');
    await knex.raw(
      `INSERT INTO debts (id, account_number, balance, currency, days_past_due)
       SELECT g, 'bench-d' || g, 1000 + g % 50000, 'RUB', g % 365 FROM generate_series(1, ?::int) g`,
      [n],
    );
    await knex.raw(
      `INSERT INTO debt_persons (debt_id, person_id, role) SELECT g, g, 'debtor' FROM generate_series(1, ?::int) g`,
      [n],
    );
    progress('debts');
    // Every person a phone in their zone; one in five a second phone.
    await knex.raw(
      `INSERT INTO phones (person_id, e164, source, candidate_zones, zone_source)
       SELECT g, '+7900' || lpad(g::text, 7, '0'), 'bench', ARRAY[z.zone], 'bench'
         FROM generate_series(1, ?::int) g JOIN bench_zones z ON z.idx = g % ${ZONES.length}
       UNION ALL
       SELECT g, '+7901' || lpad(g::text, 7, '0'), 'bench', ARRAY[z.zone], 'bench'
         FROM generate_series(1, ?::int) g JOIN bench_zones z ON z.idx = g % ${ZONES.length}
        WHERE g % 5 = 0`,
      [n, n],
    );
    progress('phones');
    // 20% closed; 20% with a retry scheduled in the next three days; the rest due now when their
    // zone is inside its window (overdue by up to three days), otherwise at the window's opening.
    await knex.raw(
      `INSERT INTO campaign_leads (id, campaign_id, debt_id, person_id, state, next_attempt_at, attempts, priority)
       SELECT g, ?, g, g,
              CASE WHEN g % 10 < 2 THEN 'closed' ELSE 'ready' END,
              CASE WHEN g % 10 < 4 THEN ?::timestamptz + make_interval(mins => g % 4320)
                   WHEN z.is_open THEN ?::timestamptz - make_interval(mins => g % 4320)
                   ELSE z.opens_at END,
              g % 4, CASE WHEN g % 50 = 0 THEN 1 ELSE 0 END
         FROM generate_series(1, ?::int) g JOIN bench_zones z ON z.idx = g % ${ZONES.length}`,
      [CAMPAIGN, now, now, n],
    );
    await knex.raw(`SELECT setval('campaign_leads_id_seq', ?::bigint)`, [n]);
    progress('campaign leads');
    // History: a third of the persons were called once or twice in the last month.
    await knex.raw(
      `INSERT INTO call_attempts (id, campaign_id, lead_id, person_id, debt_id, phone_e164, dial_mode, decision, decided_at)
       SELECT 'bench-' || g || '-' || k, ?, g, g, g, '+7900' || lpad(g::text, 7, '0'), 'progressive', 'dial',
              ?::timestamptz - make_interval(hours => (g * k) % 700 + 1)
         FROM generate_series(1, ?::int) g, generate_series(1, 2) k
        WHERE g % 3 = 0 AND (k = 1 OR g % 2 = 0)`,
      [CAMPAIGN, now, n],
    );
    progress('call history');
    // A steady state, as a dialer meets it: statistics current, the visibility map set, dirty
    // pages written, so autovacuum does not start on the fresh million rows during the timing.
    await knex.raw('VACUUM (ANALYZE)');
    await knex.raw('CHECKPOINT');
    const due = await knex('campaign_leads')
      .where({ campaign_id: CAMPAIGN, state: 'ready' })
      .where('next_attempt_at', '<=', now)
      .count<{ count: string }[]>('* as count');
    const loadSeconds = (performance.now() - loadStart) / 1000;
    progress(
      `loaded in ${loadSeconds.toFixed(0)} s; ${Number(due[0]!.count).toLocaleString('en')} leads due now`,
    );

    const repo = new KnexLeadRepository(knex);
    const release = async (ids: number[]) => {
      await knex('campaign_leads')
        .whereIn('id', ids)
        .update({ state: 'ready', next_attempt_at: new Date(now.getTime() + 86_400_000) });
    };
    // Warm-up, as a running dialer's connection and caches would be.
    for (let i = 0; i < 20; i += 1) {
      const { claimed } = await repo.selectAndReserve(CAMPAIGN, now, BATCH);
      await release(claimed.map((r) => Number(r.id)));
    }
    // The indexed query alone: the next BATCH callable leads, locked as the claim locks them, in a
    // transaction rolled back (so it takes nothing). The same WHERE and ORDER BY as the claim.
    const selectOnly: number[] = [];
    for (let i = 0; i < ITERATIONS; i += 1) {
      await knex
        .transaction(async (trx) => {
          const t = performance.now();
          await trx.raw(
            `SELECT id, person_id FROM campaign_leads
              WHERE campaign_id = ? AND state = 'ready' AND next_attempt_at <= ?
              ORDER BY next_attempt_at, priority DESC LIMIT ? FOR UPDATE SKIP LOCKED`,
            [CAMPAIGN, now, BATCH],
          );
          selectOnly.push(performance.now() - t);
          throw new RollBack();
        })
        .catch((err: unknown) => {
          if (!(err instanceof RollBack)) throw err;
        });
    }
    const statement: number[] = [];
    const full: number[] = [];
    let taken = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      let t = performance.now();
      const { claimed } = await repo.selectAndReserve(CAMPAIGN, now, BATCH);
      statement.push(performance.now() - t);
      taken += claimed.length;
      await release(claimed.map((r) => Number(r.id)));

      t = performance.now();
      const result = await repo.claimDue(CAMPAIGN, now, BATCH);
      full.push(performance.now() - t);
      taken += result.leads.length;
      await release(result.leads.map((l) => l.leadId));
      if ((i + 1) % 100 === 0) progress(`${i + 1}/${ITERATIONS} iterations`);
    }
    const figures = {
      benchmark: 'lead-selection',
      leads: LEADS,
      zones: ZONES.length,
      zonesInsideWindow: zones.filter((z) => z.isOpen).length,
      dueAtStart: Number(due[0]!.count),
      batch: BATCH,
      iterations: ITERATIONS,
      leadsTaken: taken,
      selectMs: summary(selectOnly),
      claimMs: summary(statement),
      claimWithDecisionDataMs: summary(full),
      loadSeconds: Number(loadSeconds.toFixed(1)),
      goalP99Ms: 10,
    };
    console.log(
      `next ${BATCH} callable leads of ${LEADS.toLocaleString('en')} (${ZONES.length} zones), ms:\n` +
        `  select (indexed query, locked)          p50 ${figures.selectMs.p50}  p95 ${figures.selectMs.p95}  p99 ${figures.selectMs.p99}\n` +
        `  claim (select + mark + reserve persons) p50 ${figures.claimMs.p50}  p95 ${figures.claimMs.p95}  p99 ${figures.claimMs.p99}\n` +
        `  claim + decision data (claimDue)       p50 ${figures.claimWithDecisionDataMs.p50}  p95 ${figures.claimWithDecisionDataMs.p95}  p99 ${figures.claimWithDecisionDataMs.p99}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await knex.destroy();
    if (process.argv.includes('--keep') && pg) {
      progress(`kept: ${adminUrl.replace(/\/[^/]*$/, `/${DATABASE}`)} (Ctrl-C stops it)`);
      await new Promise(() => undefined);
    }
    if (pg) await pg.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
