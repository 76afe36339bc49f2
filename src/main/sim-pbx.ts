/**
 * Runs the simulated PBX alone:
 *   npx tsx src/main/sim-pbx.ts --port 5038 --seed 1 [--model file.json] [--user U --secret S]
 *                               [--host 127.0.0.1] [--time-scale 1]
 * Defaults match src/config/config.ts (user "dialer", secret "dialer-secret").
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startSimPbx } from '../sim/pbx/sim-pbx-server.js';

const USAGE =
  'usage: sim-pbx [--port 5038] [--host 127.0.0.1] [--seed 1] [--model file.json] [--user dialer] [--secret dialer-secret] [--time-scale 1]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5038' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '1' },
      model: { type: 'string' },
      user: { type: 'string', default: 'dialer' },
      secret: { type: 'string', default: 'dialer-secret' },
      'time-scale': { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const timeScale = Number(values['time-scale']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port} is not a TCP port\n${USAGE}`);
  if (!(timeScale > 0))
    throw new Error(`--time-scale ${values['time-scale']} must be a number above 0\n${USAGE}`);
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  let model: unknown = {};
  if (values.model) {
    const text = await readFile(values.model, 'utf8');
    try {
      model = JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`--model ${values.model}: not valid JSON (${String(error)})`, { cause: error });
    }
  }
  const pbx = await startSimPbx({
    host: values.host,
    port,
    seed,
    model,
    user: values.user,
    secret: values.secret,
    timeScale,
  });
  console.log(
    `simulated PBX: AMI on ${pbx.host}:${pbx.port}, user "${values.user}", seed ${String(seed)}, time scale ${timeScale}`,
  );
  const stop = (signal: string) => {
    console.log(`simulated PBX: ${signal}, stopping; stats ${JSON.stringify(pbx.stats())}`);
    pbx.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
