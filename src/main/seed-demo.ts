/** Demo users and agents (idempotent). Every demo account's password is DEMO_PASSWORD; loopback only. */
import type { Knex } from 'knex';
import { hashPassword } from '../adapters/web/password.js';

export const DEMO_PASSWORD = 'demo';

export interface DemoAgentSpec {
  username: string;
  displayName: string;
  locale: 'ru' | 'en';
  isSimulated: boolean;
}

export function demoAgents(simulatedCount: number): DemoAgentSpec[] {
  const specs: DemoAgentSpec[] = [];
  for (let i = 1; i <= simulatedCount; i += 1) {
    const n = String(i).padStart(2, '0');
    specs.push({
      username: `sim${n}`,
      displayName: `Simulated agent ${n}`,
      locale: i % 2 ? 'ru' : 'en',
      isSimulated: true,
    });
  }
  specs.push({ username: 'anna', displayName: 'Анна Петрова', locale: 'ru', isSimulated: false });
  specs.push({ username: 'john', displayName: 'John Miller', locale: 'en', isSimulated: false });
  return specs;
}

export async function seedDemo(
  knex: Knex,
  agents: DemoAgentSpec[],
  groups: string[],
  endpointTemplate = 'PJSIP/{room}',
): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const staff = [
    { username: 'manager', display_name: 'Campaign manager', role: 'manager', locale: 'en' },
    { username: 'compliance', display_name: 'Compliance officer', role: 'compliance', locale: 'en' },
    { username: 'admin', display_name: 'Administrator', role: 'admin', locale: 'en' },
  ];
  for (const u of staff) {
    await knex('users')
      .insert({ ...u, password_hash: hash })
      .onConflict('username')
      .ignore();
  }
  let extension = 1001;
  for (const a of agents) {
    const [user] = await knex('users')
      .insert({
        username: a.username,
        display_name: a.displayName,
        role: 'agent',
        locale: a.locale,
        password_hash: hash,
      })
      .onConflict('username')
      .merge(['display_name'])
      .returning('id');
    const room = `agent${extension}`;
    await knex('agents')
      .insert({ user_id: user.id, room, endpoint: endpointTemplate.replaceAll('{room}', room), groups })
      .onConflict('user_id')
      .merge(['groups', 'endpoint']);
    extension += 1;
  }
  // A fresh demo run starts with everyone logged out (the previous run may have been killed).
  await knex('agents').update({
    state: 'offline',
    is_leg_up: false,
    current_attempt_id: null,
    current_campaign_id: null,
  });
}
