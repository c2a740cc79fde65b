import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface AppProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Kills it if still running and removes its data directory. */
  cleanup: () => void;
}

let built = false;

/** Compiles apps/ and libs/ to dist/ once per process, as `npm start` does before running the launcher. */
export function buildOnce(): void {
  if (built) return;
  const result = spawnSync(process.execPath, ['-e', "require('./scripts/build').build()"], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
  built = true;
}

/**
 * The compiled launcher (`dist/libs/runtime/src/main.js`) as an operating-system process on the given
 * database, with embedded S3 and SMTP on free ports and the demo program seeded: what an operator
 * runs, signals and kills. Resolves once its banner is printed.
 */
export async function startAppProcess(options: { databaseUrl: string; env?: Record<string, string> }): Promise<AppProcess> {
  buildOnce();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-app-process-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    TZ: 'UTC',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
    EMBEDDED_S3_PORT: String(await freePort()),
    EMBEDDED_SMTP_PORT: String(await freePort()),
    MAIL_INBOX_PORT: String(await freePort()),
    QUEUE_PREFIX: `ck-proc-${randomBytes(4).toString('hex')}`,
    SEED_DEMO: 'true',
    ...options.env,
  };
  const child = spawn(process.execPath, ['dist/libs/runtime/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const cleanup = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (!output.includes('ChannelKit is running')) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${output}`);
    if (Date.now() > deadline) {
      cleanup();
      throw new Error(`no banner within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, output: () => output, exited, cleanup };
}

/** The code of a live launch's link to a plain destination (not a library asset), from the demo seed. */
export async function findRedirectLink(databaseUrl: string): Promise<{ id: string; code: string }> {
  return withPg(databaseUrl, async (pg) => {
    const { rows } = await pg.query<{ id: string; code: string }>(
      `SELECT l.id, l.code FROM trackable_links l JOIN launches la ON la.id = l.launch_id
        WHERE la.status = 'active' AND l.asset_id IS NULL ORDER BY l.created_at LIMIT 1`,
    );
    if (!rows[0]) throw new Error('the demo seed made no link to redirect');
    return rows[0];
  });
}

/** Clicks recorded for one link. */
export async function countClicks(databaseUrl: string, linkId: string): Promise<number> {
  return withPg(databaseUrl, async (pg) => Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM link_clicks WHERE link_id = $1', [linkId])).rows[0]?.n ?? 0));
}

async function withPg<T>(url: string, work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

export interface StreamCounts {
  /** Requests answered 302: each is a click the server said it took. */
  redirected: number;
  other: number;
  errors: number;
}

/**
 * A steady stream of requests from keep-alive loopback clients, each sending as soon as its last
 * one ended (a refused or reset connection waits a moment and tries again), until stopped.
 */
export function startRedirectStream(url: string, connections = 8): { counts: StreamCounts; stop: () => Promise<StreamCounts> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const counts: StreamCounts = { redirected: 0, other: 0, errors: 0 };
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 302) counts.redirected++;
          else counts.other++;
          resolve();
        });
      });
      req.on('error', () => {
        counts.errors++;
        setTimeout(resolve, 5);
      });
      req.end();
    });
  const loops = Promise.all(
    Array.from({ length: connections }, async () => {
      while (running) await once();
    }),
  );
  return {
    counts,
    stop: async () => {
      running = false;
      await loops;
      agent.destroy();
      return counts;
    },
  };
}
