/**
 * The demo stack in the test process, for end-to-end tests: a fresh database cloned from the
 * template, the suite's Redis, the simulated PBX over TCP, the web server on a free port, the dialer
 * worker and simulated agents — the same code as `npm run demo`.
 */
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startDemo } from '../../src/main/demo-runtime.js';
import { createTestDatabase } from './database.js';

export interface DemoStack {
  baseUrl: string;
  knex: Knex;
  pbxStats(): unknown;
  stop(): Promise<void>;
}

export async function startDemoStack(
  options: { simulatedAgents?: number; timeScale?: number; seed?: number; env?: Record<string, string> } = {},
): Promise<DemoStack> {
  const db = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-e2e-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: inject('redisUrl'),
    DATA_DIR: dataDir,
    CAMPAIGNS_DIR: 'campaigns',
    ...options.env,
  });
  const demo = await startDemo(config, {
    agents: options.simulatedAgents ?? 4,
    port: 0,
    seed: options.seed ?? 7,
    timeScale: options.timeScale ?? 0.25,
    say: () => undefined,
    logLevel: 'silent',
    wrapUpMs: [300, 900],
  });
  return {
    baseUrl: demo.url,
    knex: db.knex,
    pbxStats: () => demo.pbxStats?.(),
    async stop() {
      await demo.stop();
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
