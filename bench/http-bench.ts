/**
 * What the HTTP benchmarks share: the app booted as `npm start` boots it (the compiled launcher in a
 * child process, with its own logging and hooks), a bare node:http server in another child, and
 * load from a third process: a Node generator on raw sockets (one loopback source address per
 * connection when asked) or `wrk` (one address). Nothing measured runs in the bench's own process.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@app/core';
import { freePort } from '@app/testing';

export { freePort };

const ROOT = path.join(__dirname, '..');

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Who produced the load. */
  generator: string;
}

/** A server child: its port, its CPU time so far (from /proc), and a clean stop. */
export interface ServerChild {
  port: number;
  pid: number;
  cpuMicros(): number;
  /** Lines the server wrote to stdout/stderr so far (its logs). */
  logLines(): number;
  stop(): Promise<number | null>;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime + stime of a process (all its threads), in microseconds. */
function cpuOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}

function watch(child: ChildProcess, ready: RegExp, what: string, echo: boolean): { lines: () => number; ready: Promise<string> } {
  let lines = 0;
  let seen = '';
  const ready$ = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      if (echo) process.stderr.write(text);
      if (seen.length < 200_000) {
        seen += text;
        const m = ready.exec(seen);
        if (m) resolve(m[1] ?? m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it was ready:\n${seen.slice(-3000)}`)));
  });
  return { lines: () => lines, ready: ready$ };
}

function stopper(child: ChildProcess): () => Promise<number | null> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
}

/** A fresh database for one run: on DATABASE_URL's server, or an embedded cluster with fsync on, as production runs. */
export async function benchDatabase(): Promise<{ url: string; adminUrl: string; drop: () => Promise<void> }> {
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'channelkit-bench-pg'), port: 54398, durable: true });
  const adminUrl = process.env.DATABASE_URL ?? pg!.url('postgres');
  const name = `ck_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    adminUrl,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await pg?.stop();
    },
  };
}

/**
 * The compiled launcher in a child process, exactly what `npm start` runs after its build (same
 * logging, hooks and worker), on `env` over the embedded defaults. `cpuProfileDir` runs it under
 * `node --cpu-prof`.
 */
export async function startApp(env: Record<string, string>, options: { cpuProfileDir?: string; echo?: boolean } = {}): Promise<ServerChild & { dataDir: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build, buildPortal } = require(path.join(ROOT, 'scripts', 'build.js')) as { build: () => void; buildPortal: () => void };
  build();
  buildPortal();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-data-'));
  const port = await freePort();
  const launcher = path.join(ROOT, 'dist', 'libs', 'runtime', 'src', 'launcher.js');
  const flags = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...flags, '-e', `require(${JSON.stringify(launcher)}).launch(process.env).catch((e) => { console.error(e); process.exit(1); })`],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        EMBEDDED_S3_PORT: String(await freePort()),
        EMBEDDED_SMTP_PORT: String(await freePort()),
        MAIL_INBOX_PORT: String(await freePort()),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const watched = watch(child, /Press Ctrl-C to stop/, 'the app', options.echo ?? false);
  await watched.ready;
  return { port, pid: child.pid!, dataDir, cpuMicros: () => cpuOf(child.pid!), logLines: watched.lines, stop: stopper(child) };
}

export interface BareRoute {
  status: number;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

const BARE_SERVER = `
const http = require('node:http');
const routes = new Map(Object.entries(JSON.parse(process.env.BARE_ROUTES)).map(([p, r]) => [p, { status: r.status, headers: { ...r.headers, 'content-length': String(Buffer.from(r.body, 'base64').length) }, body: Buffer.from(r.body, 'base64') }]));
http.createServer((req, res) => {
  const route = routes.get(req.url);
  if (!route) { res.writeHead(404, { 'content-length': '0' }); res.end(); return; }
  res.writeHead(route.status, route.headers);
  res.end(route.body);
}).listen(0, '127.0.0.1', function () { console.log('listening on ' + this.address().port); });
process.on('SIGTERM', () => process.exit(0));
`;

/** A bare node:http server answering each path with the given bytes from memory, in its own process. */
export async function startBare(routes: Record<string, BareRoute>): Promise<ServerChild> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER], { env: { ...process.env, BARE_ROUTES: JSON.stringify(routes) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const watched = watch(child, /listening on (\d+)/, 'the bare server', false);
  const port = Number(await watched.ready);
  return { port, pid: child.pid!, cpuMicros: () => cpuOf(child.pid!), logLines: watched.lines, stop: stopper(child) };
}

/**
 * Closed-loop load on raw keep-alive sockets: each connection sends the next request when the
 * previous response is complete. With many=true connection i binds 127.0.0.(2+i), so the server sees
 * as many visitors. At the deadline no new request is sent and the ones in flight are awaited, so
 * the count of answered requests is exact.
 */
const GENERATOR = `
const net = require('node:net');
const o = JSON.parse(process.env.LOAD);
const request = Buffer.from('GET ' + o.path + ' HTTP/1.1\\r\\nHost: 127.0.0.1:' + o.port + '\\r\\n' + Object.entries(o.headers).map(([k, v]) => k + ': ' + v + '\\r\\n').join('') + '\\r\\n');
const histogram = new Uint32Array(1_000_000); // 10 µs buckets up to 10 s
let ok = 0, errors = 0, open = 0;
const deadline = performance.now() + o.durationMs;
const started = performance.now();
function connection(i) {
  open++;
  const socket = net.connect({ host: '127.0.0.1', port: o.port, localAddress: o.many ? '127.0.0.' + (2 + i) : undefined });
  socket.setNoDelay(true);
  let pending = null, sentAt = 0, done = false;
  const send = () => { if (performance.now() >= deadline) return finish(); sentAt = performance.now(); socket.write(request); };
  const finish = () => { if (done) return; done = true; socket.end(); open--; if (open === 0) report(); };
  socket.on('connect', send);
  socket.on('error', () => { errors++; finish(); });
  socket.on('close', finish);
  socket.on('data', (chunk) => {
    pending = pending ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const end = pending.indexOf('\\r\\n\\r\\n');
      if (end === -1) return;
      const head = pending.toString('latin1', 0, end);
      let total;
      const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
      if (length) total = end + 4 + Number(length[1]);
      else if (/\\r\\ntransfer-encoding: *chunked/i.test(head)) { const z = pending.indexOf('\\r\\n0\\r\\n\\r\\n', end); if (z === -1) return; total = z + 7; }
      else total = end + 4;
      if (pending.length < total) return;
      const status = Number(head.slice(9, 12));
      pending = pending.length === total ? null : pending.subarray(total);
      if (status === o.expectStatus) { ok++; histogram[Math.min(histogram.length - 1, Math.floor((performance.now() - sentAt) * 100))]++; }
      else errors++;
      if (!pending) return send();
    }
  });
}
function report() {
  const elapsed = performance.now() - started;
  const at = (q) => { let seen = 0; const want = q * ok; for (let b = 0; b < histogram.length; b++) { seen += histogram[b]; if (seen >= want && seen > 0) return b / 100; } return 0; };
  process.stdout.write(JSON.stringify({ requests: ok, errors, perSecond: ok / elapsed * 1000, p50Ms: at(0.5), p99Ms: at(0.99) }));
  process.exit(0);
}
for (let i = 0; i < o.connections; i++) connection(i);
`;

export interface LoadOptions {
  port: number;
  path: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  expectStatus: number;
  /** One loopback source address per connection (127.0.0.2, …). */
  many: boolean;
}

export function nodeLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', GENERATOR], { env: { ...process.env, LOAD: JSON.stringify({ headers: {}, ...options }) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${out}`));
      resolve({ ...(JSON.parse(out) as Omit<LoadResult, 'generator'>), generator: options.many ? `node (${options.connections} source addresses)` : 'node (one address)' });
    });
  });
}

let wrkChecked: boolean | null = null;

/** `wrk`, installed from Debian when missing (as root); false when it cannot be had. */
export function ensureWrk(): boolean {
  if (wrkChecked !== null) return wrkChecked;
  const has = () => spawnSync('wrk', ['--version']).error === undefined;
  if (!has() && process.getuid?.() === 0) {
    process.stderr.write('installing wrk (apt-get)…\n');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  wrkChecked = has();
  return wrkChecked;
}

function wrkMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** One source address: `wrk` when available (one thread), else the Node generator; says which. */
export function oneAddressLoad(options: Omit<LoadOptions, 'many'>): Promise<LoadResult> {
  if (!ensureWrk()) return nodeLoad({ ...options, many: false }).then((r) => ({ ...r, generator: 'node (one address; wrk unavailable)' }));
  const args = ['-t1', `-c${options.connections}`, `-d${Math.max(1, Math.round(options.durationMs / 1000))}s`, '--latency'];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(`http://127.0.0.1:${options.port}${options.path}`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${out}`));
      const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
      const bad = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      resolve({
        requests: total - bad,
        errors: bad + (socketErrors ? socketErrors.slice(1).reduce((s, n) => s + Number(n), 0) : 0),
        perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
        p50Ms: wrkMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
        p99Ms: wrkMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
        generator: 'wrk (one address)',
      });
    });
    child.on('error', reject);
  });
}

/**
 * Waits (up to `maxMs`) until the server has been nearly idle for a second: the demo seed's emails and
 * the worker's first sweeps run in the same process and would otherwise be billed to the first run.
 */
export async function settle(server: ServerChild, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const before = server.cpuMicros();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (server.cpuMicros() - before < 50_000) return;
  }
}

/** One GET from this process (setup only, never measured): status, headers and body. */
export async function fetchOnce(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

export function line(label: string, r: LoadResult, cpuUsPerRequest?: number): string {
  return `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  errors ${r.errors}${cpuUsPerRequest !== undefined ? `  cpu ${cpuUsPerRequest.toFixed(1)} µs/req` : ''}  [${r.generator}]`;
}

/**
 * Summarises a V8 .cpuprofile: self time per frame over the samples taken between `fromUs` and `toUs`
 * (process.hrtime clock, which V8's profiler shares on Linux), as a share of the busy samples.
 */
export function summariseProfile(file: string, fromUs: number, toUs: number, top = 15): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const area = (frame: { functionName: string; url: string }): string => {
    if (/^write(Latin1|Utf8)String$|^writev$|^writeBuffer$/.test(frame.functionName)) return 'socket writes (the syscall)';
    if (frame.url.includes('/dist/')) return 'ChannelKit code';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1];
    if (pkg) return pkg;
    return frame.url.startsWith('node:') ? 'Node.js internals' : frame.functionName;
  };
  let t = profile.startTime;
  let busy = 0;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) continue;
    inWindow++;
    const frame = byId.get(profile.samples[i]!)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy++;
    const where = frame.url ? `${frame.url.replace(/^file:\/\//, '').replace(ROOT + '/', '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
    const a = area(frame);
    areas.set(a, (areas.get(a) ?? 0) + 1);
  }
  const share = (n: number) => `${((n / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%`;
  const byArea = [...areas.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${share(n)}  ${k}`);
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`${inWindow} samples in the measured window, ${busy} busy; by area:`, ...byArea, 'top frames (self time):', ...rows.map(([k, n]) => `${share(n)}  ${k}`)];
}
