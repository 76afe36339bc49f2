/**
 * The demo path end to end, as a user runs it: `demo.ts --exit-after N` in its own process, over TCP
 * to the simulated PBX, with simulated agents on the HTTP API. The counts it prints must agree with
 * the database (the attempt log) and with the PBX's own count of AMI events.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestDatabase } from '../support/database.js';

interface DemoSummary {
  seconds: number;
  attempts: number;
  skipped: number;
  answered: number;
  connected: number;
  dispositioned: number;
  abandoned: number;
  pbx: { originates: number; agentLegs: number; answered: number; connected: number; dropped: number };
}

function runDemo(
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/demo.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run demo -- --exit-after', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let summary: DemoSummary;
  let output: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-demo-e2e-'));
    output = await runDemo(
      { DATABASE_URL: db.url, REDIS_URL: inject('redisUrl'), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      ['--exit-after', '45', '--time-scale', '0.3', '--agents', '6', '--port', '0', '--seed', '3'],
    );
    const last = output.stdout.trim().split('\n').at(-1) ?? '';
    try {
      summary = JSON.parse(last) as DemoSummary;
    } catch {
      throw new Error(
        `the demo printed no JSON summary (exit ${output.code}):\n${output.stdout}\n${output.stderr.slice(-3000)}`,
      );
    }
  });
  afterAll(async () => {
    await db?.drop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('prints the URL, exits cleanly and prints one JSON line of counts', () => {
    expect(output.code, output.stderr).toBe(0);
    expect(output.stdout).toMatch(/Dialer demo is running: http:\/\/127\.0\.0\.1:\d+/);
    expect(summary).toMatchObject({ seconds: 45 });
  });

  it('placed, answered, routed and dispositioned calls', () => {
    expect(summary.attempts).toBeGreaterThan(10);
    expect(summary.answered).toBeGreaterThan(0);
    expect(summary.connected).toBeGreaterThan(0);
    expect(summary.dispositioned).toBeGreaterThan(0);
  });

  it('agrees with the PBX’s own count of AMI traffic', () => {
    expect(summary.pbx.originates).toBe(summary.attempts);
    expect(summary.pbx.answered).toBe(summary.answered);
    expect(summary.pbx.connected).toBe(summary.connected);
    expect(summary.pbx.dropped).toBe(summary.abandoned);
    expect(summary.pbx.agentLegs).toBeGreaterThanOrEqual(6);
  });

  it('logged every placed call with exactly one end, and every connected call has its disposition', async () => {
    const dialed = await db.knex('call_attempts').where('decision', 'dial').select('id');
    expect(dialed.length).toBe(summary.attempts);
    const ended = await db
      .knex('call_attempt_events')
      .where('event', 'ended')
      .select('attempt_id', 'outcome');
    expect(new Set(ended.map((e) => e.attempt_id)).size).toBe(dialed.length);
    const connected = ended.filter((e) => e.outcome === 'connected').map((e) => e.attempt_id);
    expect(connected.length).toBe(summary.connected);
    const dispositions = await db.knex('dispositions').whereIn('attempt_id', connected).select('attempt_id');
    expect(dispositions.length).toBe(connected.length);
    expect(summary.dispositioned).toBe(connected.length);
  });

  it('rescheduled or closed every lead it called (none left dialing)', async () => {
    const stuck = await db
      .knex('campaign_leads')
      .whereIn('state', ['dialing', 'in-call'])
      .count<{ count: string }[]>('* as count');
    expect(Number(stuck[0]!.count)).toBe(0);
    const agentsBusy = await db
      .knex('agents')
      .whereIn('state', ['reserved', 'on-call', 'wrap-up'])
      .count<{ count: string }[]>('* as count');
    expect(Number(agentsBusy[0]!.count)).toBe(0);
  });
});

describe('npm run demo with a broken campaign file', () => {
  it('stops before starting anything, naming the file, the line, the field and the problem', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-bad-campaigns-'));
    try {
      await fs.cp('campaigns', dir, { recursive: true });
      const file = path.join(dir, 'us-collections.yaml');
      await fs.writeFile(
        file,
        (await fs.readFile(file, 'utf8')).replace(/^ {2}mode: progressive$/m, '  mode: turbo'),
      );
      const out = await runDemo({ CAMPAIGNS_DIR: dir, DATA_DIR: path.join(dir, 'data') }, [
        '--exit-after',
        '5',
      ]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: dial\\.mode: Invalid option`),
      );
      expect(out.stderr).not.toMatch(/starting embedded PostgreSQL/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
