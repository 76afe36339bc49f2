/**
 * Starts Debian's redis-server on a loopback port for the demo and the tests (BullMQ needs a real
 * Redis; its Lua scripts run on no mock). When redis-server is missing it is installed with apt when
 * running as root; otherwise the error gives the exact command to run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface RunningRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y redis-server';

export function findRedisServer(): string | null {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    const r = spawnSync(candidate, ['--version']);
    if (r.status === 0) return candidate;
  }
  const r = spawnSync('redis-server', ['--version']);
  return r.status === 0 ? 'redis-server' : null;
}

export function ensureRedisServerInstalled(log: (line: string) => void): string {
  const found = findRedisServer();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `redis-server is not installed. Install it with:\n  ${INSTALL_COMMAND}\nor set REDIS_URL to use your own Redis.`,
    );
  }
  log('redis-server is missing; installing it with apt-get (Debian package redis-server)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'redis-server'],
  ]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0)
      throw new Error(
        `apt-get ${args.join(' ')} failed; install redis-server yourself:\n  ${INSTALL_COMMAND}`,
      );
  }
  const installed = findRedisServer();
  if (!installed) throw new Error('redis-server still not found after apt-get install');
  return installed;
}

export async function startLocalRedis(options: {
  port: number;
  dataDir: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningRedis> {
  const log = options.log ?? (() => undefined);
  const binary = ensureRedisServerInstalled(log);
  await fs.mkdir(options.dataDir, { recursive: true });
  const args = [
    '--port',
    String(options.port),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'yes',
    '--dir',
    path.resolve(options.dataDir),
    '--daemonize',
    'no',
    '--save',
    options.persistent ? '60 1' : '',
    '--appendonly',
    'no',
    // BullMQ requires keys never to be evicted.
    '--maxmemory-policy',
    'noeviction',
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited during start-up (code ${code}): ${output.trim().slice(-500)}`)),
    );
    child.once('error', reject);
  });
  let stopped: Promise<void> | null = null;
  return {
    port: options.port,
    url: `redis://127.0.0.1:${options.port}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
