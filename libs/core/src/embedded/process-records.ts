import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A process as another process can recognise it later: the pid, plus its start time where the
 * system tells it (Linux), so a pid reused by an unrelated program is not taken for the original.
 */
export interface ProcessRef {
  pid: number;
  start: string | null;
  /** What it runs as (api, worker, deps, …), for messages only. */
  role?: string;
}

export function selfRef(role?: string): ProcessRef {
  return { pid: process.pid, start: processStart(process.pid), ...(role ? { role } : {}) };
}

/** Whether the process is running (a zombie is not) and is the one that was recorded. */
export function isLive(ref: ProcessRef): boolean {
  if (!isProcessAlive(ref.pid)) return false;
  if (ref.start === null) return true;
  const now = processStart(ref.pid);
  return now === null || now === ref.start;
}

/** Whether a process with this pid exists and has not exited (signal 0 probes; a zombie has exited). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (postgres runs as `postgres` under root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.[0] !== 'Z';
}

/** The fields of /proc/<pid>/stat after the command name, or null where there is no /proc. */
function procStat(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function processStart(pid: number): string | null {
  const fields = procStat(pid);
  if (fields) return fields[19] ?? null; // field 22 of stat: start time in clock ticks since boot
  try {
    return execFileSync('ps', ['-p', String(pid), '-o', 'lstart='], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a record. */
export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

/**
 * Runs `fn` while holding a lock file (created exclusively, holding our ProcessRef). A lock whose
 * holder is dead (killed during a start) is taken over. Processes starting on one data directory
 * at the same moment therefore decide one after the other whether to start or use a part.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, JSON.stringify(selfRef()));
      fs.closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readJson<ProcessRef>(lockFile);
    // A lock file still being written has no holder yet: wait for it rather than take it.
    if (holder ? !isLive(holder) : staleEmptyLock(lockFile)) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lockFile} is held by process ${holder?.pid ?? '?'} for more than ${timeoutMs / 1000} s`);
    await sleep(100);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** An empty lock file whose creator died before writing its pid into it. */
function staleEmptyLock(lockFile: string): boolean {
  try {
    return Date.now() - fs.statSync(lockFile).mtimeMs > 5_000;
  } catch {
    return false;
  }
}

/** A port another program holds: reported as one line naming the port and the variable that sets it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(`port ${port} is already in use by another program: set ${variable} to a free port, or stop what listens on ${port}`);
    this.name = 'PortInUseError';
  }
}

/** Throws PortInUseError when `port` cannot be bound on `host` (port 0 picks a free one: always fine). */
export async function assertPortFree(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, variable) : error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** Maps a listen error for `port` to PortInUseError; anything else passes through. */
export function portError(error: unknown, port: number, variable: string): Error {
  if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') return new PortInUseError(port, variable);
  return error instanceof Error ? error : new Error(String(error));
}

/** Whether something accepts TCP connections on host:port. */
export function canReach(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
