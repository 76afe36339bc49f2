/** Preview dialing through the whole stack: simulated agents read the lead, then call or skip it. */
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../support/demo-stack.js';

describe('preview mode', () => {
  let stack: DemoStack;
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-preview-'));
    await fs.cp('campaigns', dir, { recursive: true });
    for (const file of ['ru-collections.yaml', 'us-collections.yaml']) {
      const p = path.join(dir, file);
      await fs.writeFile(
        p,
        (await fs.readFile(p, 'utf8')).replace(/^ {2}mode: progressive$/m, '  mode: preview'),
      );
    }
    stack = await startDemoStack({ simulatedAgents: 3, timeScale: 0.2, env: { CAMPAIGNS_DIR: dir } });
  });
  afterAll(async () => {
    await stack?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('offers each lead before dialing it and dials it as its own attempt', async () => {
    let connected = 0;
    for (let i = 0; i < 150 && connected === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      connected = (await stack.knex('call_attempt_events').where('event', 'connected')).length;
    }
    expect(connected).toBeGreaterThan(0);
    const decisions = await stack
      .knex('call_attempts')
      .whereIn('decision', ['preview', 'dial'])
      .select('lead_id', 'decision', 'decided_at', 'reserved_agent_id');
    const dials = decisions.filter((d) => d.decision === 'dial');
    expect(dials.length).toBeGreaterThan(0);
    // Every dial follows a preview of the same lead, to the same agent.
    for (const dial of dials) {
      const preview = decisions.find(
        (d) =>
          d.decision === 'preview' &&
          d.lead_id === dial.lead_id &&
          d.reserved_agent_id === dial.reserved_agent_id &&
          d.decided_at <= dial.decided_at,
      );
      expect(preview, `lead ${dial.lead_id}`).toBeDefined();
    }
  });
});
