/** A manager pauses and restarts dialing from the API (the board's buttons post the same form). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../support/demo-stack.js';

async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  // Read the whole body: express-session saves the session before the response's last byte, so a
  // client that acts on the headers alone can overtake the save.
  const body = await res.text();
  expect(res.status, `login as ${username}: ${body}`).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const originates = (stack: DemoStack) => (stack.pbxStats() as { originates: number }).originates;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pausing and starting a campaign', () => {
  let stack: DemoStack;
  beforeAll(async () => {
    stack = await startDemoStack({ simulatedAgents: 4, timeScale: 0.2 });
  });
  afterAll(async () => stack?.stop());

  it('stops new calls while paused and resumes when started; an agent may not do it', async () => {
    for (let i = 0; i < 100 && originates(stack) === 0; i += 1) await sleep(200);
    expect(originates(stack)).toBeGreaterThan(0);

    const agent = await login(stack.baseUrl, 'sim01');
    const refused = await fetch(`${stack.baseUrl}/api/campaigns/ru-collections/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: agent },
      body: JSON.stringify({ status: 'paused' }),
    });
    expect(refused.status).toBe(403);

    const manager = await login(stack.baseUrl, 'manager');
    const bad = await fetch(`${stack.baseUrl}/api/campaigns/ru-collections/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: manager },
      body: JSON.stringify({ status: 'sleeping' }),
    });
    expect(bad.status).toBe(400);
    for (const id of ['ru-collections', 'us-collections']) {
      const res = await fetch(`${stack.baseUrl}/api/campaigns/${id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: manager },
        body: JSON.stringify({ status: 'paused' }),
      });
      expect(await res.json()).toEqual({ campaignId: id, status: 'paused' });
    }
    await sleep(1500); // the worker hears of it at once; a tick already running may place its call
    const whilePaused = originates(stack);
    await sleep(4000);
    expect(originates(stack)).toBe(whilePaused);
    const rows = await stack.knex('campaigns').select('id', 'status').orderBy('id');
    expect(rows).toEqual([
      { id: 'ru-collections', status: 'paused' },
      { id: 'us-collections', status: 'paused' },
    ]);

    // "Why isn't this lead dialed?" says so, on the page and in the API; agents may not ask.
    const lead = await stack.knex('campaign_leads').where('campaign_id', 'us-collections').first('id');
    const compliance = await login(stack.baseUrl, 'compliance');
    const page = await fetch(`${stack.baseUrl}/why?q=${lead.id}`, { headers: { cookie: compliance } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-lead="${lead.id}"`);
    expect(html).toContain('data-code="campaign-paused"');
    const api = await fetch(`${stack.baseUrl}/api/compliance/explain?lead=${lead.id}`, {
      headers: { cookie: compliance },
    });
    const explained = (await api.json()) as {
      leads: { blockers: { code: string; until: string | null }[] }[];
    };
    expect(explained.leads[0]!.blockers[0]).toEqual(
      expect.objectContaining({ code: 'campaign-paused', until: null }),
    );
    const byAgent = await fetch(`${stack.baseUrl}/api/compliance/explain?lead=${lead.id}`, {
      headers: { cookie: agent },
    });
    expect(byAgent.status).toBe(403);

    // The board's form posts urlencoded and is sent back to the board.
    const form = await fetch(`${stack.baseUrl}/api/campaigns/ru-collections/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: manager },
      body: 'status=running',
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    for (let i = 0; i < 100 && originates(stack) === whilePaused; i += 1) await sleep(200);
    expect(originates(stack)).toBeGreaterThan(whilePaused);
  });

  it('a session is usable the moment the login response’s headers arrive', async () => {
    for (let i = 0; i < 20; i += 1) {
      const res = await fetch(`${stack.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'manager', password: 'demo' }),
      });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      // The next request goes out before this response's body is read.
      const me = await fetch(`${stack.baseUrl}/api/session`, { headers: { cookie } });
      expect(me.status).toBe(200);
      await Promise.all([res.text(), me.text()]);
    }
  });
});
