/**
 * `npm run demo`: the whole product on one machine with no configuration. Starts embedded PostgreSQL
 * (or DATABASE_URL), redis-server (or REDIS_URL), the simulated PBX (or the Asterisk at AMI_HOST),
 * the web server and the dialer worker; loads campaigns/, imports the sample lists, starts simulated
 * agents that use the agent HTTP API, and prints the URL to open. Ctrl-C stops everything.
 *
 *   --exit-after N   run N seconds, then print one JSON line of counts and stop
 *   --agents N       simulated agents (default 8)
 *   --port P         web port (default PORT or 3000; a busy port falls back to a free one)
 *   --seed S         seed of the simulated PBX's call outcomes (default 1)
 *   --time-scale X   simulated PBX clock: 1 = real time, 0.2 = five times faster
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { demoCounts } from './demo-counts.js';
import { startDemo } from './demo-runtime.js';
import { DEMO_PASSWORD } from './seed-demo.js';

const { values: args } = parseArgs({
  options: {
    'exit-after': { type: 'string' },
    agents: { type: 'string', default: '8' },
    port: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'time-scale': { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
  },
});

const say = (line: string) => {
  if (!args.quiet) process.stderr.write(`[demo] ${line}\n`);
};

function numberArg(name: string, text: string | undefined, fallback: number, min = Number.MIN_VALUE): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    process.stderr.write(
      `--${name}: "${text}" is not a number ${min === Number.MIN_VALUE ? 'above 0' : `≥ ${min}`}\n`,
    );
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const config = loadConfig();
  const exitAfter =
    args['exit-after'] === undefined ? undefined : numberArg('exit-after', args['exit-after'], 90);
  const demo = await startDemo(config, {
    agents: Math.round(numberArg('agents', args.agents, 8)),
    port: args.port === undefined ? config.web.port : Math.round(numberArg('port', args.port, 3000, 0)),
    seed: numberArg('seed', args.seed, 1),
    timeScale: numberArg('time-scale', args['time-scale'], 1),
    say,
  }).catch((err: unknown) => {
    process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await demo.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => {
    say('SIGINT: stopping…');
    void stop(0);
  });
  process.once('SIGTERM', () => void stop(0));

  process.stdout.write(
    `\nDialer demo is running: ${demo.url}\n` +
      `  agent desk:   log in as anna (ru) or john (en), password "${DEMO_PASSWORD}"\n` +
      `  manager:      manager / ${DEMO_PASSWORD}    compliance: compliance / ${DEMO_PASSWORD}\n` +
      `  ${demo.simulatedAgents} simulated agents are taking calls. Ctrl-C stops everything.\n\n`,
  );

  if (exitAfter !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, exitAfter * 1000));
    say('time is up: no new calls; finishing the calls in progress…');
    await demo.drain();
    const counts = await demoCounts(demo.knex, startedAt);
    const pbx = demo.pbxStats?.();
    stopping = true;
    await demo.stop();
    process.stdout.write(`${JSON.stringify({ seconds: exitAfter, ...counts, ...(pbx ? { pbx } : {}) })}\n`);
    process.exit(0);
  }
}

void main();
