/**
 * The whole dialer against a real Asterisk 22 (the Debian sid root of scripts/asterisk-root.sh,
 * configured from docs/asterisk with the lab overlay): a list uploaded through the HTTP API, dialed
 * progressively over AMI, answered calls routed into nailed-up agent rooms, simulated agents
 * dispositioning over HTTP. The lab dialplan forces each number's outcome (docs/asterisk/README.md).
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shouldSkipRealAsterisk, startRealAsterisk, type RealAsterisk } from '../support/real-asterisk.js';
import { startDemoStack, type DemoStack } from '../support/demo-stack.js';
import { zonesForNumber } from '../../src/domain/timezones/number-zones.js';

const OUTCOME_BY_SUFFIX: Record<string, string> = {
  '01': 'connected',
  '02': 'machine',
  '03': 'busy',
  '05': 'invalid-number',
  '06': 'congestion',
  '07': 'rejected',
};

/**
 * For each zone, the start of a valid number there; the lab dialplan reads the outcome from the last
 * seven digits 55501CC. The number's own zones count as candidates next to the list's timezone
 * column (Reg F: every zone the consumer may be in), so the number must be of the zone picked.
 */
const NUMBER_PREFIX_BY_ZONE: Record<string, string> = {
  'Pacific/Honolulu': '+1808',
  'America/Los_Angeles': '+1213',
  'America/Chicago': '+1312',
  'America/New_York': '+1212',
  'Europe/London': '+44203',
  'Europe/Berlin': '+4930',
  'Europe/Moscow': '+7495',
  'Asia/Dubai': '+9714',
  'Asia/Bangkok': '+662',
  'Asia/Tokyo': '+8131',
  'Pacific/Auckland': '+649',
};

/** A zone where it is now mid-day, so the US campaign's 08:00–21:00 window is open whatever the hour. */
function middayZone(now = new Date()): string {
  const hourOf = (zone: string) => DateTime.fromJSDate(now, { zone }).hour;
  return Object.keys(NUMBER_PREFIX_BY_ZONE).reduce((best, zone) =>
    Math.abs(hourOf(zone) - 13) < Math.abs(hourOf(best) - 13) ? zone : best,
  );
}

async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  expect(res.status).toBe(200);
  await res.text(); // the session is saved before the body's last byte (express-session)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe.skipIf(shouldSkipRealAsterisk)('the dialer against a real Asterisk 22', () => {
  let asterisk: RealAsterisk;
  let stack: DemoStack;

  beforeAll(async () => {
    asterisk = await startRealAsterisk();
    stack = await startDemoStack({
      simulatedAgents: 2,
      env: {
        AMI_HOST: asterisk.host,
        AMI_PORT: String(asterisk.port),
        AMI_USER: asterisk.user,
        AMI_SECRET: asterisk.secret,
        AGENT_ENDPOINT_TEMPLATE: 'Local/{room}@lab-agent-phone/n',
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await asterisk?.stop();
  });

  it('dials an uploaded list, routes the live answer to an agent and records every outcome', async () => {
    const zone = middayZone();
    const numberOf = (cc: string) => `${NUMBER_PREFIX_BY_ZONE[zone]}55501${cc}`;
    for (const cc of Object.keys(OUTCOME_BY_SUFFIX)) {
      const zones = zonesForNumber(numberOf(cc));
      expect('zones' in zones ? zones.zones : zones, numberOf(cc)).toEqual([zone]);
    }
    const rows = Object.keys(OUTCOME_BY_SUFFIX).map(
      (cc, i) => `RA-${cc},Test Person ${i + 1},${numberOf(cc)},${zone}`,
    );
    const cookie = await login(stack.baseUrl, 'manager');
    const upload = await fetch(`${stack.baseUrl}/api/campaigns/us-collections/lists?name=lab.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie },
      body: ['account,name,phone1,timezone', ...rows].join('\n'),
    });
    expect(upload.status).toBe(202);
    const { statusUrl } = (await upload.json()) as { statusUrl: string };

    let status: { status: string; importedRows: number } = { status: 'queued', importedRows: 0 };
    for (let i = 0; i < 100 && status.status !== 'done' && status.status !== 'failed'; i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await (
        await fetch(`${stack.baseUrl}${statusUrl}`, { headers: { cookie } })
      ).json()) as typeof status;
    }
    expect(status).toMatchObject({ status: 'done', importedRows: 6 });

    const expected = Object.fromEntries(
      Object.entries(OUTCOME_BY_SUFFIX).map(([cc, outcome]) => [numberOf(cc), outcome]),
    );
    let ended: { phone_e164: string; outcome: string }[] = [];
    for (let i = 0; i < 240 && ended.length < 6; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      ended = await stack
        .knex('call_attempts as a')
        .join('call_attempt_events as e', 'e.attempt_id', 'a.id')
        .where('e.event', 'ended')
        .select('a.phone_e164', 'e.outcome');
    }
    expect(
      Object.fromEntries(ended.map((e) => [e.phone_e164, e.outcome])),
      asterisk.logTail().slice(-2000),
    ).toEqual(expected);

    // The connected call was bridged to an agent and dispositioned by it over HTTP.
    const connected = await stack
      .knex('call_attempts as a')
      .join('call_attempt_events as e', 'e.attempt_id', 'a.id')
      .where({ 'e.event': 'connected', 'a.phone_e164': numberOf('01') })
      .select('a.id', 'e.agent_id')
      .first();
    expect(connected?.agent_id).toBeTruthy();
    let disposition;
    for (let i = 0; i < 40 && !disposition; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      disposition = await stack.knex('dispositions').where('attempt_id', connected.id).first();
    }
    expect(disposition).toMatchObject({ agent_id: connected.agent_id });

    // The invalid number is marked bad for every campaign.
    const invalid = await stack.knex('phones').where('e164', numberOf('05')).first();
    expect(invalid.status).toBe('bad');
    const legsUp = await stack
      .knex('agents')
      .where('is_leg_up', true)
      .count<{ count: string }[]>('* as count');
    expect(Number(legsUp[0]!.count)).toBe(2);
  });
});
