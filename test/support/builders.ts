import type { Knex } from 'knex';

/** Inserts a campaign row from a definition (as the campaign-file sync would). */
export async function insertCampaign(
  knex: Knex,
  definition: { id: string; name: string },
  status = 'running',
) {
  await knex('campaigns').insert({
    id: definition.id,
    name: definition.name,
    definition: JSON.stringify(definition),
    source_file: 'test',
    source_sha256: 'x',
    status,
  });
}

let seq = 0;
/** A debt with one person, their phones and a ready lead in the campaign. */
export async function insertLead(
  knex: Knex,
  campaignId: string,
  opts: {
    phones?: { e164: string; zones: string[] }[];
    role?: string;
    nextAttemptAt?: Date;
    flags?: string[];
  } = {},
) {
  seq += 1;
  const [debt] = await knex('debts')
    .insert({
      account_number: `T-${seq}-${Date.now()}`,
      balance: '1000.00',
      currency: 'RUB',
      days_past_due: 30,
    })
    .returning('id');
  const [person] = await knex('persons')
    .insert({ external_ref: `p-${seq}-${Date.now()}`, full_name: `Person ${seq}`, flags: opts.flags ?? [] })
    .returning('id');
  await knex('debt_persons').insert({ debt_id: debt.id, person_id: person.id, role: opts.role ?? 'debtor' });
  const phones = opts.phones ?? [
    { e164: `+7912${String(1000000 + seq).slice(-7)}`, zones: ['Europe/Moscow'] },
  ];
  for (const p of phones) {
    await knex('phones').insert({
      person_id: person.id,
      e164: p.e164,
      source: 'test',
      candidate_zones: p.zones,
    });
  }
  const [lead] = await knex('campaign_leads')
    .insert({
      campaign_id: campaignId,
      debt_id: debt.id,
      person_id: person.id,
      next_attempt_at: opts.nextAttemptAt ?? new Date(0),
    })
    .returning('id');
  return { debtId: debt.id as number, personId: person.id as number, leadId: lead.id as number };
}

export async function insertAgent(
  knex: Knex,
  username: string,
  groups: string[],
  state = 'ready',
  isLegUp = true,
) {
  const [user] = await knex('users')
    .insert({ username, display_name: username, password_hash: 'x', role: 'agent' })
    .returning('id');
  const [agent] = await knex('agents')
    .insert({
      user_id: user.id,
      room: `agent${user.id}${username.replace(/\W/g, '')}`,
      endpoint: `PJSIP/${username}`,
      groups,
      state,
      is_leg_up: isLegUp,
    })
    .returning('id');
  return { userId: user.id as number, agentId: agent.id as number };
}
