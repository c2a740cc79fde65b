import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@app/testing';

/**
 * `npm run start:deps`, `start:api` and `start:worker` as an operator runs them: three OS processes
 * on embedded defaults (no DATABASE_URL, S3_ENDPOINT, SMTP_URL or REDIS_URL), one DATA_DIR.
 */
const ROOT = path.resolve(__dirname, '..');
const PORT_VARIABLES = ['PORT', 'EMBEDDED_PG_PORT', 'EMBEDDED_S3_PORT', 'EMBEDDED_SMTP_PORT', 'MAIL_INBOX_PORT'] as const;
type Ports = Record<(typeof PORT_VARIABLES)[number], number>;

interface Run {
  role: string;
  child: ChildProcess;
  output: () => string;
}

const running: Run[] = [];
const dataDirs: string[] = [];

afterAll(() => {
  for (const run of running) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  for (const dir of dataDirs) {
    const pid = postmasterPid(dir);
    if (pid) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-split-'));
  fs.chmodSync(dir, 0o755); // as root, the postgres user must reach the cluster
  dataDirs.push(dir);
  return dir;
}

async function freePorts(): Promise<Ports> {
  const ports = {} as Ports;
  for (const name of PORT_VARIABLES) ports[name] = await freePort();
  return ports;
}

function start(role: string, dir: string, ports: Ports, extra: Record<string, string> = {}): Run {
  // Only what a fresh machine has, whatever the suite itself runs against.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), TZ: 'UTC', LOG_LEVEL: 'warn', DATA_DIR: dir, APP_ROLE: role, SEED_DEMO: 'false' };
  for (const name of PORT_VARIABLES) env[name] = String(ports[name]);
  Object.assign(env, extra);
  const child = spawn(process.execPath, ['scripts/run-ts.js', 'test/launch-process.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const run = { role, child, output: () => output };
  running.push(run);
  return run;
}

async function ready(run: Run): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (!run.output().includes(`ChannelKit is running (${run.role})`)) {
    if (run.child.exitCode !== null) throw new Error(`${run.role} exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`${run.role}: no banner within 150 s:\n${run.output()}`);
    await sleep(200);
  }
}

function exited(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return Promise.resolve(run.child.exitCode);
  return new Promise((resolve) => run.child.once('exit', (code) => resolve(code)));
}

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGTERM');
  return exited(run);
}

function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.existsSync(`/proc/${pid}/stat`) || !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function databaseOk(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/health`);
  return ((await res.json()) as { checks: { database: { ok: boolean } } }).checks.database.ok;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The lines of a failed start that an operator reads: the one "cannot start" line and no stack. */
function failure(output: string): { lines: string[]; stack: boolean } {
  return { lines: output.split('\n').filter((l) => l.startsWith('ChannelKit cannot start')), stack: /^\s+at /m.test(output) };
}

async function holdPort(port: number): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return server;
}

describe('deps, api and worker as three processes on embedded defaults', () => {
  it('runs a launch through them: the worker mails through the deps catcher; stopped, nothing is left running', async () => {
    const dir = dataDir();
    const ports = await freePorts();
    const deps = start('deps', dir, ports);
    await ready(deps);
    expect(deps.output()).toContain(`DATABASE_URL=postgres://postgres:channelkit@127.0.0.1:${ports.EMBEDDED_PG_PORT}/channelkit`);
    expect(deps.output()).toContain(`S3_ENDPOINT=http://127.0.0.1:${ports.EMBEDDED_S3_PORT}`);
    expect(deps.output()).toContain(`SMTP_URL=smtp://127.0.0.1:${ports.EMBEDDED_SMTP_PORT}`);
    const postmaster = postmasterPid(dir);
    expect(postmaster).not.toBeNull();

    const api = start('api', dir, ports, { SEED_DEMO: 'true' });
    const worker = start('worker', dir, ports);
    await Promise.all([ready(api), ready(worker)]);
    // Both use what deps runs (the database, S3 and the catcher) instead of starting or stopping any.
    for (const run of [api, worker]) {
      expect(run.output()).toContain(`S3 storage     embedded, http://127.0.0.1:${ports.EMBEDDED_S3_PORT} (run by pid ${deps.child.pid}, deps)`);
      expect(run.output()).toMatch(new RegExp(`PostgreSQL .*:${ports.EMBEDDED_PG_PORT}/channelkit .*\\(run by pid ${deps.child.pid}, deps\\)`));
    }
    expect(postmasterPid(dir)).toBe(postmaster);

    const base = `http://127.0.0.1:${ports.PORT}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bluepeak-systems.example', password: 'channelkit-demo' }),
    });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const json = { ...auth, 'content-type': 'application/json' };

    const csv = new FormData();
    csv.append('file', new Blob(['email,First Name,Consent Status\npat.split@customer.example,Pat,granted\n']), 'contacts.csv');
    const imported = await fetch(`${base}/api/v1/contacts/imports`, { method: 'POST', headers: auth, body: csv });
    expect(imported.status).toBe(201);
    expect(((await imported.json()) as { imported: number }).imported).toBe(1);
    const audience = await fetch(`${base}/api/v1/audiences`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Split run', filter: {} }) });
    expect(audience.status).toBe(201);
    const audienceId = ((await audience.json()) as { id: string }).id;
    const kits = (await (await fetch(`${base}/api/v1/kits?limit=100`, { headers: auth })).json()) as { items: { id: string; slug: string }[] };
    const kitId = kits.items.find((k) => k.slug === 'backup-5-launch')!.id;

    // The kit's follow-up carries a personal note the partner must write: the refusal names it.
    const blocked = await fetch(`${base}/api/v1/kits/${kitId}/launches`, { method: 'POST', headers: json, body: JSON.stringify({ audienceId }) });
    expect(blocked.status).toBe(422);
    const edits: Record<string, Record<string, string>> = {};
    for (const { field } of ((await blocked.json()) as { details: { fields: { field: string }[] } }).details.fields) {
      const [, templateId, key] = field.split('.') as [string, string, string];
      (edits[templateId] ??= {})[key] = 'We spoke at the split-process meetup: here is the restore test I promised.';
    }
    const launched = await fetch(`${base}/api/v1/kits/${kitId}/launches`, { method: 'POST', headers: json, body: JSON.stringify({ audienceId, edits }) });
    expect(launched.status).toBe(201);

    // Sent by the worker process, caught by the deps process, read over its inbox.
    const deadline = Date.now() + 90_000;
    let caught: { to: string[]; from: string }[] = [];
    while (!caught.some((m) => m.to.includes('pat.split@customer.example'))) {
      if (Date.now() > deadline) throw new Error(`the launch email never reached the inbox; worker output:\n${worker.output()}`);
      await sleep(500);
      caught = (await (await fetch(`http://127.0.0.1:${ports.MAIL_INBOX_PORT}/messages`)).json()) as typeof caught;
    }
    expect(caught.find((m) => m.to.includes('pat.split@customer.example'))!.from).toContain('BluePeak Systems');

    expect(await stop(worker)).toBe(0);
    expect(await stop(api)).toBe(0);
    expect(alive(postmaster!)).toBe(true); // deps still runs it
    expect(await stop(deps)).toBe(0);
    expect(alive(postmaster!)).toBe(false);
    expect(postmasterPid(dir)).toBeNull();
    await expect(fetch(`http://127.0.0.1:${ports.MAIL_INBOX_PORT}/messages`)).rejects.toThrow();
  }, 300_000);

  it("a second api on the same data dir uses the first one's PostgreSQL; it stays up while either runs", async () => {
    const dir = dataDir();
    const ports = await freePorts();
    const first = start('api', dir, ports);
    await ready(first);
    const postmaster = postmasterPid(dir);
    expect(postmaster).not.toBeNull();

    const secondPort = await freePort();
    const second = start('api', dir, ports, { PORT: String(secondPort) });
    await ready(second);
    expect(second.output()).toContain(`(run by pid ${first.child.pid}, api)`);
    expect(postmasterPid(dir)).toBe(postmaster);
    expect(await databaseOk(ports.PORT)).toBe(true);
    expect(await databaseOk(secondPort)).toBe(true);

    // The first one started PostgreSQL, but the second still uses it: it stays up for it.
    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain(`embedded PostgreSQL stays up for pid ${second.child.pid} (api)`);
    expect(postmasterPid(dir)).toBe(postmaster);
    expect(await databaseOk(secondPort)).toBe(true);

    // The last one out stops it.
    expect(await stop(second)).toBe(0);
    expect(alive(postmaster!)).toBe(false);
    expect(postmasterPid(dir)).toBeNull();
  }, 240_000);

  it('a port in use is one line naming the port and its variable, exit code 1, and nothing left running', async () => {
    const dir = dataDir();
    const ports = await freePorts();

    const pgHeld = await holdPort(ports.EMBEDDED_PG_PORT);
    const pg = start('worker', dir, ports);
    expect(await exited(pg)).toBe(1);
    pgHeld.close();
    expect(failure(pg.output())).toEqual({ lines: [expect.stringMatching(new RegExp(`port ${ports.EMBEDDED_PG_PORT} .*EMBEDDED_PG_PORT`))], stack: false });
    expect(postmasterPid(dir)).toBeNull();

    // SMTP starts after PostgreSQL and S3: those are stopped again, no postmaster is orphaned.
    const smtpHeld = await holdPort(ports.EMBEDDED_SMTP_PORT);
    const smtp = start('worker', dir, ports);
    expect(await exited(smtp)).toBe(1);
    smtpHeld.close();
    expect(failure(smtp.output())).toEqual({ lines: [expect.stringMatching(new RegExp(`port ${ports.EMBEDDED_SMTP_PORT} .*EMBEDDED_SMTP_PORT`))], stack: false });
    expect(fs.existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(true); // it did start
    expect(postmasterPid(dir)).toBeNull();

    const httpHeld = await holdPort(ports.PORT);
    const http = start('api', dir, ports);
    expect(await exited(http)).toBe(1);
    httpHeld.close();
    expect(failure(http.output())).toEqual({ lines: [expect.stringMatching(new RegExp(`port ${ports.PORT} .*PORT`))], stack: false });
    expect(postmasterPid(dir)).toBeNull();
  }, 180_000);
});
