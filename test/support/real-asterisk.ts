/**
 * Starts a private, real Asterisk 22 for the integration tests: the Debian sid root from
 * scripts/asterisk-root.sh (built when missing), the production configs of docs/asterisk plus the
 * lab overlay of docs/asterisk/lab rendered into a run directory inside that root, AMI on a free
 * loopback port. stop() ends it with "core stop now", then SIGKILL if it lingers, and removes the
 * run directory: no orphan processes.
 *
 * Needs root (chroot). Set DIALER_SKIP_REAL_ASTERISK=1 to skip the suite on machines without it;
 * DIALER_ASTERISK_AMI_PORT fixes the AMI port (default: a free one).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = path.join(REPO, 'docs/asterisk');
const RUN_SUBDIRS = ['etc', 'lib', 'spool/monitor', 'run', 'log', 'cache', 'agi-bin'];
const BOOT_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_BYTES = 16_000;

export interface RealAsterisk {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly secret: string;
  /** The sid root and the run directory (as seen inside the root). */
  readonly root: string;
  readonly runDir: string;
  /** Runs one CLI command (asterisk -rx) and returns its output. */
  cli(command: string): Promise<string>;
  /** Asterisk's own console output so far, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export const shouldSkipRealAsterisk = process.env.DIALER_SKIP_REAL_ASTERISK === '1';

async function buildRoot(): Promise<string> {
  try {
    const { stdout } = await run('bash', [path.join(REPO, 'scripts/asterisk-root.sh')], {
      cwd: REPO,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 30 * 60_000,
    });
    const root = stdout.trim().split('\n').at(-1)?.trim();
    if (!root) throw new Error('scripts/asterisk-root.sh printed no root path');
    return root;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `Cannot get the Asterisk 22 root (scripts/asterisk-root.sh failed: ${String((error as Error).message).split('\n')[0]}).\n${stderr.slice(-2000)}\n` +
        'The real-Asterisk suite needs root and network access to debootstrap Debian sid once. ' +
        'Set DIALER_SKIP_REAL_ASTERISK=1 to skip it on this machine.',
      { cause: error },
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** uid/gid of the root's "asterisk" user: Asterisk drops to it (-U/-G) and must own the run dir. */
async function asteriskIds(root: string): Promise<{ uid: number; gid: number }> {
  const passwd = await readFile(path.join(root, 'etc/passwd'), 'utf8');
  const fields = passwd
    .split('\n')
    .find((line) => line.startsWith('asterisk:'))
    ?.split(':');
  if (!fields) throw new Error(`${root}/etc/passwd has no asterisk user`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else await chown(full, uid, gid);
  }
}

/** Production configs, then the lab overlay (same name wins), placeholders rendered. */
async function renderConfigs(etcDir: string, values: Record<string, string>): Promise<void> {
  const render = (text: string) => text.replace(/@([A-Z_]+)@/g, (match, key: string) => values[key] ?? match);
  for (const dir of [DOCS, path.join(DOCS, 'lab')]) {
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.conf')) continue;
      await writeFile(path.join(etcDir, name), render(await readFile(path.join(dir, name), 'utf8')));
    }
  }
  // The lab dialplan (simulated customers, Local "phones") is appended to the production one.
  const extensions = path.join(etcDir, 'extensions.conf');
  await writeFile(extensions, `${await readFile(extensions, 'utf8')}\n#include "extensions-lab.conf"\n`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForAmi(
  port: number,
  child: ChildProcess,
  deadline: number,
  logTail: () => string,
): Promise<void> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`Asterisk exited with code ${child.exitCode} while starting:\n${logTail()}`);
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('Asterisk Call Manager'));
      });
      socket.once('error', () => resolve(false));
    });
    if (isOpen) return;
    if (Date.now() > deadline)
      throw new Error(`Asterisk's AMI did not open on 127.0.0.1:${port}:\n${logTail()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startRealAsterisk(options: { amiPort?: number } = {}): Promise<RealAsterisk> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The real-Asterisk suite runs Asterisk with chroot and must run as root. ' +
        'Set DIALER_SKIP_REAL_ASTERISK=1 to skip it on this machine.',
    );
  }
  const root = await buildRoot();
  const fixedPort = Number(process.env.DIALER_ASTERISK_AMI_PORT ?? '') || undefined;
  const port = options.amiPort ?? fixedPort ?? (await freePort());
  const user = 'dialer';
  const secret = randomBytes(9).toString('base64url');
  const runDir = `/tmp/dialer-lab-${process.pid}-${randomBytes(4).toString('hex')}`;
  const hostRunDir = path.join(root, runDir);
  for (const sub of RUN_SUBDIRS) await mkdir(path.join(hostRunDir, sub), { recursive: true });
  await renderConfigs(path.join(hostRunDir, 'etc'), {
    RUN: runDir,
    AMI_PORT: String(port),
    AMI_USER: user,
    AMI_SECRET: secret,
  });
  const { uid, gid } = await asteriskIds(root);
  await chownTree(hostRunDir, uid, gid);

  const conf = `${runDir}/etc/asterisk.conf`;
  let output = '';
  const child = spawn(
    'chroot',
    [root, 'asterisk', '-C', conf, '-f', '-n', '-U', 'asterisk', '-G', 'asterisk'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-LOG_TAIL_BYTES);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const logTail = () => output;
  // Last resort if the test process exits without afterAll (Ctrl-C): never leave Asterisk behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const cli = async (command: string) =>
    (await run('chroot', [root, 'asterisk', '-C', conf, '-rx', command], { timeout: 15_000 })).stdout;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      await cli('core stop now').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    }
    process.removeListener('exit', killOnExit);
    await rm(hostRunDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    await waitForAmi(port, child, deadline, logTail);
    for (;;) {
      const booted = await cli('core waitfullybooted').then(
        (out) => out.includes('fully booted'),
        () => false,
      );
      if (booted) break;
      if (Date.now() > deadline) throw new Error(`Asterisk did not finish booting:\n${logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, user, secret, root, runDir, cli, logTail, stop };
}
