import { ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_VARIABLES, startEmbeddedPostgres } from '@app/core';
import { ADMIN_URL_ENV, countClicks, createTestDatabase, findRedirectLink, freePort, prepareTemplate, startAppProcess, startRedirectStream, TEMPLATE_DB_ENV } from '@app/testing';
import { benchLine } from './load';

/**
 * What a `kill -9` of a process serving redirects loses: clicks answered with 302 but still in the
 * click buffer (or in the batch being written). The app runs as its own process (the compiled
 * launcher, api + worker), the load comes from another process, and the app is SIGKILLed at random
 * moments; lost = answered − recorded, turned into milliseconds of traffic at the measured rate.
 * The same run measures the old flush settings (every 1,000 ms or at 1,000 clicks) as the baseline.
 *
 * Targets: the mean window at most one flush interval (a kill lands, on average, half an interval
 * after the last flush, plus the batch being written; the other half is slack for a busy machine),
 * and at most half the old settings' window. Both hold while a batch write is shorter than the
 * interval; on a saturated machine the drain runs back to back and both settings lose about one
 * write's duration, so the ratio tends to 1 there (the per-kill lines show the rates).
 */
const KILLS_PER_SETTING = 4;
const OLD = { CLICK_FLUSH_INTERVAL_MS: '1000', CLICK_FLUSH_BATCH_SIZE: '1000' };
const NEW = { CLICK_FLUSH_INTERVAL_MS: CONFIG_VARIABLES.CLICK_FLUSH_INTERVAL_MS, CLICK_FLUSH_BATCH_SIZE: CONFIG_VARIABLES.CLICK_FLUSH_BATCH_SIZE };

interface LoadReport {
  redirected: number;
  errors: number;
  /** Rate of 302s while the app was up, per second. */
  perSecond: number;
}

/** The load process: streams redirects until told to stop on stdin, then prints its counts as JSON. */
async function loadMain(url: string): Promise<void> {
  const stream = startRedirectStream(url, 8);
  let first = 0;
  let last = 0;
  let seen = 0;
  const sampler = setInterval(() => {
    if (stream.counts.redirected > seen) {
      if (first === 0) {
        first = performance.now();
        process.stdout.write('started\n');
      }
      seen = stream.counts.redirected;
      last = performance.now();
    }
  }, 5);
  process.stdin.once('data', () => {
    void stream.stop().then((counts) => {
      clearInterval(sampler);
      const seconds = Math.max(0.001, (last - first) / 1000);
      process.stdout.write(`${JSON.stringify({ redirected: counts.redirected, errors: counts.errors, perSecond: counts.redirected / seconds } satisfies LoadReport)}\n`);
      process.exit(0);
    });
  });
}

function startLoad(url: string): { child: ChildProcess; started: Promise<void>; stop: () => Promise<LoadReport> } {
  const child = spawn(process.execPath, ['scripts/run-ts.js', 'bench/click-loss.ts', '--load', url], { cwd: path.resolve(__dirname, '..'), stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('started\n')) onStarted();
  });
  return {
    child,
    started,
    stop: () =>
      new Promise<LoadReport>((resolve, reject) => {
        child.once('exit', () => {
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line) as LoadReport);
          else reject(new Error(`load process printed no result: ${out}`));
        });
        child.stdin?.write('stop\n');
      }),
  };
}

async function killOnce(databaseUrl: string, link: { id: string; code: string }, settings: Record<string, string>): Promise<{ lost: number; answered: number; windowMs: number }> {
  const app = await startAppProcess({ databaseUrl, env: { ...settings, SEED_DEMO: 'false' } });
  try {
    const before = await countClicks(databaseUrl, link.id);
    const load = startLoad(`http://127.0.0.1:${app.port}/l/${link.code}`);
    await load.started;
    // A random moment, after the link is cached and several flushes have run.
    await new Promise((r) => setTimeout(r, randomInt(1_500, 4_000)));
    app.child.kill('SIGKILL');
    await app.exited;
    const report = await load.stop();
    // A COMMIT the server had already received still lands after the client is gone.
    await new Promise((r) => setTimeout(r, 500));
    const recorded = (await countClicks(databaseUrl, link.id)) - before;
    const lost = report.redirected - recorded;
    return { lost, answered: report.redirected, windowMs: (lost / report.perSecond) * 1000 };
  } finally {
    app.cleanup();
  }
}

async function main(): Promise<void> {
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-click-loss-'));
  fs.chmodSync(pgDir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data directory
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'pg'), port: await freePort(), durable: true });
  try {
    const adminUrl = process.env.DATABASE_URL ?? pg!.url('postgres');
    process.env[ADMIN_URL_ENV] = adminUrl;
    process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);
    const db = await createTestDatabase();
    try {
      // One boot seeds the demo program (and its links); every measured run restarts on that database.
      const seeded = await startAppProcess({ databaseUrl: db.url });
      seeded.child.kill('SIGTERM');
      await seeded.exited;
      seeded.cleanup();
      const link = await findRedirectLink(db.url);

      const windows: Record<'old' | 'new', number[]> = { old: [], new: [] };
      // Alternating, so a burst of other work on the machine hits both settings alike.
      for (let i = 0; i < KILLS_PER_SETTING; i++) {
        for (const [name, settings] of [['old', OLD], ['new', NEW]] as const) {
          const r = await killOnce(db.url, link, settings);
          windows[name].push(r.windowMs);
          console.log(`${name.padEnd(3)} kill ${i + 1}: answered ${r.answered}, lost ${r.lost} (${r.windowMs.toFixed(0)} ms of traffic)`);
        }
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const oldMean = mean(windows.old);
      const newMean = mean(windows.new);
      console.log(`old settings (${OLD.CLICK_FLUSH_INTERVAL_MS} ms / ${OLD.CLICK_FLUSH_BATCH_SIZE} clicks): mean ${oldMean.toFixed(0)} ms, worst ${Math.max(...windows.old).toFixed(0)} ms`);
      console.log(`new settings (${NEW.CLICK_FLUSH_INTERVAL_MS} ms / ${NEW.CLICK_FLUSH_BATCH_SIZE} clicks): mean ${newMean.toFixed(0)} ms, worst ${Math.max(...windows.new).toFixed(0)} ms`);
      console.log('(the machine may be shared: rates, and so windows, are noisy)');
      console.log(benchLine('click-loss-window', newMean, 'ms', '<=', Number(NEW.CLICK_FLUSH_INTERVAL_MS)));
      console.log(benchLine('click-loss-vs-before', newMean / oldMean, 'ratio', '<=', 0.5));
    } finally {
      await db.drop();
    }
  } finally {
    await pg?.stop();
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
}

const loadAt = process.argv.indexOf('--load');
if (loadAt >= 0) {
  void loadMain(process.argv[loadAt + 1] ?? '');
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
