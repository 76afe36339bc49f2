/**
 * The web pages in Debian's Chromium against the demo stack (simulated PBX, dialer worker,
 * simulated agents): an agent takes a call and gives a result with its hotkey, the manager sees
 * the board, compliance finds the attempt with that result in the log.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../support/demo-stack.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const SCREENSHOT = path.resolve('.data/screenshots/agent-desk.png');
/** The simulated PBX answers a share of the calls; this is how long we give it to connect one to us. */
const CALL_POP_TIMEOUT_MS = 90_000;
/** Simulated customers talk 10 s – 5 min (mode 1 min) at time scale 1; we run at 0.25. */
const CUSTOMER_HANGUP_TIMEOUT_MS = 80_000;

async function signIn(browser: Browser, username: string, expectedPath: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  await page.goto(`${stack.baseUrl}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('#username', username);
  await page.fill('#password', 'demo');
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL((url) => url.pathname === expectedPath);
  return page;
}

const jsErrorsOf = (page: Page) => (page as Page & { jsErrors?: string[] }).jsErrors ?? [];
const stateOf = (page: Page) => page.getAttribute('#state-pill', 'data-state');
const waitForState = (page: Page, state: string, timeout: number) =>
  page.locator(`#state-pill[data-state="${state}"]`).waitFor({ timeout });

/** The result buttons as the agent sees them. */
async function dispositionButtons(page: Page) {
  const buttons = page.locator('#disposition-buttons button');
  const list: { id: string; action: string; key: string; label: string }[] = [];
  for (let i = 0; i < (await buttons.count()); i += 1) {
    const b = buttons.nth(i);
    const kbd = b.locator('kbd');
    list.push({
      id: (await b.getAttribute('data-id')) ?? '',
      action: (await b.getAttribute('data-action')) ?? '',
      key: (await kbd.count()) > 0 ? ((await kbd.textContent()) ?? '') : '',
      label: (await b.locator('span').textContent()) ?? '',
    });
  }
  return list;
}

let stack: DemoStack;
let browser: Browser;
/** What the agent test leaves for the manager and compliance tests. */
let handled:
  { attemptId: string; leadId: number; campaignId: string; code: string; label: string } | undefined;

describe('web pages in a real browser, against the demo stack', () => {
  beforeAll(async () => {
    stack = await startDemoStack({ simulatedAgents: 2, timeScale: 0.25 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('agent desk: Ready, a call pops with the card and the script, wrap-up, result by hotkey', async () => {
    const page = await signIn(browser, 'anna', '/agent');
    // anna works in Russian: the interface follows her locale.
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ru');

    // Start the shift, then Ready (the server refuses Ready until the agent's phone leg is up).
    await expect
      .poll(
        async () => {
          const state = await stateOf(page);
          if (state === 'offline' && (await page.isVisible('#btn-login'))) await page.click('#btn-login');
          else if (state === 'paused' && (await page.isVisible('#btn-ready'))) await page.click('#btn-ready');
          return stateOf(page);
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toMatch(/^(ready|reserved|on-call)$/);

    // The call pops: on call, with the person and the script.
    await waitForState(page, 'on-call', CALL_POP_TIMEOUT_MS);
    await page.waitForSelector('#call-view:not([hidden])');
    const agent = await stack
      .knex('agents as a')
      .join('users as u', 'u.id', 'a.user_id')
      .where('u.username', 'anna')
      .select('a.*')
      .first();
    const attempt = await stack.knex('call_attempts').where('id', agent.current_attempt_id).first();
    const person = await stack.knex('persons').where('id', attempt.person_id).first();
    const campaign = await stack.knex('campaigns').where('id', attempt.campaign_id).first();
    const script = await stack.knex('scripts').where('id', campaign.definition.script).first();
    expect(await page.textContent('#call-name')).toBe(person.full_name);
    expect(await page.textContent('#call-phone')).toBe(attempt.phone_e164);
    expect(await page.textContent('#script-steps > li:first-child h3')).toBe(
      script.definition.steps[0].title,
    );
    expect(await page.locator('#call-clock .clock-time').first().textContent()).toMatch(/^\d{2}:\d{2}$/);
    await expect.poll(() => page.isVisible('#btn-hangup')).toBe(true);

    // The verification gate opens the next step.
    expect(await page.locator('#script-steps > li').count()).toBe(1);
    await page.click('#script-steps .gate .button.primary');
    expect(await page.locator('#script-steps > li').count()).toBeGreaterThan(1);

    await fs.mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Wrap-up comes when the simulated customer hangs up (our Hang up only if they talk too long).
    await waitForState(page, 'wrap-up', CUSTOMER_HANGUP_TIMEOUT_MS).catch(async () => {
      await page.click('#btn-hangup');
      await waitForState(page, 'wrap-up', 15_000);
    });
    await page.locator('#disposition-buttons button:not([disabled])').first().waitFor();
    await expect.poll(() => page.isVisible('#wrapup-countdown')).toBe(true);
    expect(await page.textContent('#wrapup-countdown')).toMatch(/\d+:\d{2}/);

    // A result whose action is retry or final, chosen with its hotkey; pause after the call.
    const choice = (await dispositionButtons(page)).find(
      (d) => (d.action === 'retry' || d.action === 'final') && d.key !== '',
    );
    expect(choice).toBeDefined();
    await page.fill('#notes', 'e2e: <b>not markup</b>');
    await page.check('#pause-after');
    await page.click('#h-result'); // out of the notes field: keys typed there are text, not hotkeys
    await page.keyboard.press(
      /^\d$/.test(choice!.key) ? `Digit${choice!.key}` : `Key${choice!.key.toUpperCase()}`,
    );

    await waitForState(page, 'paused', 15_000);
    expect(await page.isVisible('#call-view')).toBe(false);
    expect(await page.textContent('#desk-status')).toContain(choice!.label);
    const saved = await stack.knex('dispositions').where('attempt_id', attempt.id).first();
    expect(saved).toMatchObject({ code: choice!.id, notes: 'e2e: <b>not markup</b>', is_automatic: false });
    expect(jsErrorsOf(page)).toEqual([]);
    handled = {
      attemptId: attempt.id,
      leadId: Number(attempt.lead_id),
      campaignId: attempt.campaign_id,
      code: choice!.id,
      label: choice!.label,
    };
    await page.context().close();
  }, 240_000);

  it('campaign board: the manager sees live numbers for every campaign', async () => {
    const page = await signIn(browser, 'manager', '/campaigns');
    const campaigns = await stack.knex('campaigns').select('id');
    expect(await page.locator('article.campaign').count()).toBe(campaigns.length);
    for (const { id } of campaigns) {
      const article = page.locator(`article[data-campaign="${id}"]`);
      for (const fig of ['leads.ready', 'leads.closed', 'last24h.dialed', 'last24h.connected']) {
        expect(await article.locator(`[data-fig="${fig}"]`).textContent()).toMatch(/^[\d,]+$/);
      }
      expect(await article.locator('[data-fig="abandonRate"]').textContent()).toMatch(/%/);
      expect(await article.locator('input[type=file][name=file]').getAttribute('accept')).toContain('.csv');
    }
    const dialed = page.locator(
      `article[data-campaign="${handled?.campaignId ?? campaigns[0]!.id}"] [data-fig="last24h.dialed"]`,
    );
    expect(Number((await dialed.textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
    // The board refreshes itself every 2 s.
    const first = await page.textContent('#board-updated');
    await expect.poll(() => page.textContent('#board-updated'), { timeout: 10_000 }).not.toBe(first);
    await expect.poll(() => page.locator('[data-live] .live-bar').count()).toBeGreaterThan(0);
    expect(jsErrorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('attempt log: compliance finds the attempt with its disposition, and the CSV link keeps the filter', async () => {
    expect(handled, 'the agent test handled a call').toBeDefined();
    const page = await signIn(browser, 'compliance', '/attempts');
    expect(await page.locator('table.attempts-table tbody tr').count()).toBeGreaterThan(0);
    await page.fill('input[name=lead]', String(handled!.leadId));
    await page.click('.filters button[type=submit]');
    await page.waitForURL((url) => url.searchParams.get('lead') === String(handled!.leadId));
    const row = page.locator(`tr[data-attempt="${handled!.attemptId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.disposition-cell').textContent()).toContain(handled!.code);
    expect(await row.locator('td').first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await row.textContent()).toContain('Анна Петрова');
    const exportHref = await page.getAttribute('#export-csv', 'href');
    expect(exportHref).toBe(`/api/attempts.csv?lead=${handled!.leadId}`);
    expect(jsErrorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('attempt log: the Export CSV link downloads the same attempts', async () => {
    expect(handled, 'the agent test handled a call').toBeDefined();
    const page = await signIn(browser, 'compliance', '/attempts');
    await page.goto(`${stack.baseUrl}/attempts?lead=${handled!.leadId}`);
    const href = await page.getAttribute('#export-csv', 'href');
    const download = await page.request.get(`${stack.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('text/csv');
    const csv = await download.text();
    expect(csv).toContain(handled!.attemptId);
    expect(csv).toContain(handled!.code);
    await page.context().close();
  });
});
