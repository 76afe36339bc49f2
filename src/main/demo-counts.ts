import type { Knex } from 'knex';

/** Counts of the demo run since `since`, from the attempt log (the source compliance staff use). */
export async function demoCounts(knex: Knex, since: Date) {
  const attempts = await knex('call_attempts')
    .where('decided_at', '>=', since)
    .select('decision')
    .count('* as n')
    .groupBy('decision');
  const events = await knex('call_attempt_events as e')
    .join('call_attempts as a', 'a.id', 'e.attempt_id')
    .where('a.decided_at', '>=', since)
    .whereIn('e.event', ['answered', 'connected', 'abandoned'])
    .select('e.event')
    .count('* as n')
    .groupBy('e.event');
  const dispositions = await knex('dispositions as d')
    .join('call_attempts as a', 'a.id', 'd.attempt_id')
    .where('a.decided_at', '>=', since)
    .count<{ n: string }[]>('* as n');
  const n = (rows: Record<string, unknown>[], key: string, value: string) =>
    Number(rows.find((r) => r[key] === value)?.n ?? 0);
  return {
    attempts: n(attempts, 'decision', 'dial'),
    skipped: n(attempts, 'decision', 'skip'),
    answered: n(events, 'event', 'answered'),
    connected: n(events, 'event', 'connected'),
    dispositioned: Number(dispositions[0]?.n ?? 0),
    abandoned: n(events, 'event', 'abandoned'),
  };
}
