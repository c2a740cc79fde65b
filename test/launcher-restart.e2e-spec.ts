import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@app/testing';

/**
 * `npm start` as a user runs it: embedded PostgreSQL, S3 and SMTP, migrations, the demo seed.
 * Killed with SIGKILL it must not block the next start; Ctrl-C must stop everything.
 */
describe('launcher: start, kill -9, start again, Ctrl-C', () => {
  const root = path.resolve(__dirname, '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-launcher-'));
  fs.chmodSync(dataDir, 0o755);
  let ports: Record<string, number>;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    ports = { PORT: await freePort(), EMBEDDED_PG_PORT: await freePort(), EMBEDDED_S3_PORT: await freePort(), EMBEDDED_SMTP_PORT: await freePort(), MAIL_INBOX_PORT: await freePort() };
  });

  afterAll(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    const pid = readPostmasterPid(path.join(dataDir, 'pg'));
    if (pid) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function start(): { child: ChildProcess; output: () => string } {
    // Only what a fresh machine has: no DATABASE_URL, REDIS_URL, S3_ENDPOINT or SMTP_URL.
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), DATA_DIR: dataDir, LOG_LEVEL: 'warn', TZ: 'UTC' };
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    const child = spawn(process.execPath, ['scripts/start.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
  }

  async function waitForBanner(run: { child: ChildProcess; output: () => string }): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (!run.output().includes('ChannelKit is running')) {
      if (run.child.exitCode !== null) throw new Error(`launcher exited early:\n${run.output()}`);
      if (Date.now() > deadline) throw new Error(`no banner within 90 s:\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Ready once the worker's first heartbeat lands, a moment after the banner on a restart. */
  async function waitUntilReady(): Promise<number> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { status } = await fetch(`http://127.0.0.1:${ports.PORT}/health/ready`);
      if (status === 200 || Date.now() > deadline) return status;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function login(): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${ports.PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@acme-cloud.example', password: 'channelkit-demo' }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  it('comes back after SIGKILL with its data, seeds once, and stops cleanly on SIGINT', async () => {
    const first = start();
    await waitForBanner(first);
    expect(first.output()).toContain(`http://localhost:${ports.PORT}/api/docs`);
    expect(first.output()).toContain('admin@northwind-it.example');
    expect(await waitUntilReady()).toBe(200);
    const token = await login();
    const partners = (await (await fetch(`http://127.0.0.1:${ports.PORT}/api/v1/partners?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(partners.items).toHaveLength(6);

    const orphan = readPostmasterPid(path.join(dataDir, 'pg'));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(orphan).not.toBeNull(); // the killed run's PostgreSQL is still up, holding its port

    const second = start();
    await waitForBanner(second);
    expect(await waitUntilReady()).toBe(200);
    // The session from the first run still works: same cluster, same data; the seed did not run again.
    const again = (await (await fetch(`http://127.0.0.1:${ports.PORT}/api/v1/partners?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(again.items).toHaveLength(6);
    const inbox = await fetch(`http://127.0.0.1:${ports.MAIL_INBOX_PORT}/messages`);
    expect(inbox.status).toBe(200);

    second.child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => second.child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(second.output()).toContain('SIGINT: stopping ChannelKit');
    expect(second.output()).toContain('Stopped.');
    expect(readPostmasterPid(path.join(dataDir, 'pg'))).toBeNull();
    await expect(fetch(`http://127.0.0.1:${ports.PORT}/health`)).rejects.toThrow();
  }, 240_000);
});

function readPostmasterPid(pgDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

