/**
 * Predictive dialing through the whole stack (simulated PBX over AMI, simulated agents): calls are
 * placed with no agent reserved, paced by the same policy pacebench measures; a live answer goes to
 * the agent free at that moment, or is abandoned with the campaign's message after the grace.
 */
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack, type DemoStack } from '../support/demo-stack.js';

describe('predictive mode', () => {
  let stack: DemoStack;
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-predictive-'));
    await fs.cp('campaigns', dir, { recursive: true });
    for (const file of ['ru-collections.yaml', 'us-collections.yaml']) {
      const p = path.join(dir, file);
      await fs.writeFile(
        p,
        (await fs.readFile(p, 'utf8')).replace(/^ {2}mode: progressive$/m, '  mode: predictive'),
      );
    }
    stack = await startDemoStack({ simulatedAgents: 4, timeScale: 0.2, env: { CAMPAIGNS_DIR: dir } });
  });
  afterAll(async () => {
    await stack?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('dials with no agent reserved and connects live answers to free agents; every drop is on record', async () => {
    let connected: { attempt_id: string; agent_id: number | null }[] = [];
    for (let i = 0; i < 200 && connected.length < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 200));
      connected = await stack
        .knex('call_attempt_events')
        .where('event', 'connected')
        .select('attempt_id', 'agent_id');
    }
    expect(connected.length).toBeGreaterThanOrEqual(3);
    expect(connected.every((c) => c.agent_id !== null)).toBe(true);

    const dials = await stack
      .knex('call_attempts')
      .where('decision', 'dial')
      .select('dial_mode', 'reserved_agent_id');
    expect(dials.length).toBeGreaterThan(0);
    expect(dials.every((d) => d.dial_mode === 'predictive')).toBe(true);
    // Agent-owned callbacks aside (none in the sample lists), no agent is held while a call rings.
    expect(dials.every((d) => d.reserved_agent_id === null)).toBe(true);

    // What the PBX says it dropped is what the attempt log calls abandoned.
    // (A drop may be on its way while we look: compare again for a moment.)
    let abandoned = -1;
    let dropped = -2;
    for (let i = 0; i < 20 && abandoned !== dropped; i += 1) {
      dropped = (stack.pbxStats() as { dropped: number }).dropped;
      abandoned = (await stack.knex('call_attempt_events').where('event', 'abandoned')).length;
      if (abandoned !== dropped) await new Promise((r) => setTimeout(r, 150));
    }
    expect(abandoned).toBe(dropped);
  });
});
