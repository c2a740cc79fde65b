/**
 * `npm run bench:links` (`-- --profile` also writes a CPU profile of the server and summarises it).
 *
 * 1. The public pages at wire speed. The app runs as `npm start` runs it (the compiled launcher in a
 *    child process: api + worker, request logging, hooks, demo seed) on a fresh database; a bare
 *    node:http server in another child answers the same paths with the same bytes from memory; load
 *    comes from a third process, the two servers alternating under the same generator:
 *    - `GET /l/:code` (the demo launch's link, a browser User-Agent) from 32 connections on 32
 *      loopback source addresses (the Node generator binds 127.0.0.2…), and from 32 connections on
 *      one address (`wrk`, installed when missing; the Node generator if it cannot be);
 *    - the open pixel (`/o/…` from the demo email) and the landing page (`/p/…`), many addresses.
 *    The server's CPU time comes from /proc. After a clean SIGTERM the recorded clicks must equal
 *    the 302s answered.
 * 2. Click ingestion: N buffered clicks drained by the ClickRecorder's batch writer against the
 *    same N written by a row-per-click loop doing the same work; no HTTP, in this process.
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on, as production PostgreSQL runs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ClickRecorder, LinkService, PendingClick } from '@app/links';
import { ADMIN_URL_ENV, makePartner, prepareTemplate, startTestApp, TEMPLATE_DB_ENV, TestApp } from '@app/testing';
import { BareRoute, benchDatabase, fetchOnce, freePort, line, LoadResult, nodeLoad, oneAddressLoad, ServerChild, settle, startApp, startBare, summariseProfile } from './http-bench';
import { benchLine } from './load';

const CONNECTIONS = 32;
const DURATION_MS = 5_000;
const WARMUP_MS = 2_000;
const ROUNDS = 2;
const INGEST_CLICKS = 10_000;
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const HEADERS = { 'user-agent': UA };
const PROFILE = process.argv.includes('--profile');

interface Side {
  result: LoadResult;
  cpuUsPerRequest: number;
}

type Shape = 'many' | 'one';

function drive(server: ServerChild, pathname: string, shape: Shape, durationMs: number, expectStatus: number): Promise<LoadResult> {
  const options = { port: server.port, path: pathname, headers: HEADERS, connections: CONNECTIONS, durationMs, expectStatus };
  return shape === 'many' ? nodeLoad({ ...options, many: true }) : oneAddressLoad(options);
}

/** Warm-up, then ROUNDS of bare and app alternating; rates and latencies averaged over the rounds. */
async function compare(
  app: ServerChild,
  bare: ServerChild,
  appPath: string,
  barePath: string,
  shape: Shape,
  expectStatus: number,
  answered: (r: LoadResult) => void,
  window?: { from: bigint; to: bigint },
): Promise<{ app: Side; bare: Side }> {
  await drive(bare, barePath, shape, WARMUP_MS, expectStatus);
  answered(await drive(app, appPath, shape, WARMUP_MS, expectStatus));
  const sides = { app: [] as LoadResult[], bare: [] as LoadResult[] };
  const cpu = { app: 0, bare: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, server, pathname] of [['bare', bare, barePath], ['app', app, appPath]] as const) {
      const before = server.cpuMicros();
      if (name === 'app' && window && round === 0) window.from = process.hrtime.bigint() / 1000n;
      const r = await drive(server, pathname, shape, DURATION_MS, expectStatus);
      if (name === 'app' && window) window.to = process.hrtime.bigint() / 1000n;
      cpu[name] += server.cpuMicros() - before;
      sides[name].push(r);
      if (name === 'app') answered(r);
    }
  }
  const merge = (rs: LoadResult[], cpuUs: number): Side => {
    const requests = rs.reduce((s, r) => s + r.requests, 0);
    const mean = (f: (r: LoadResult) => number) => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    return {
      result: { requests, errors: rs.reduce((s, r) => s + r.errors, 0), perSecond: mean((r) => r.perSecond), p50Ms: mean((r) => r.p50Ms), p99Ms: mean((r) => r.p99Ms), generator: rs[0]!.generator },
      cpuUsPerRequest: cpuUs / Math.max(1, requests),
    };
  };
  return { app: merge(sides.app, cpu.app), bare: merge(sides.bare, cpu.bare) };
}

function route(status: number, headers: Headers, body: Buffer, keep: string[]): BareRoute {
  const kept: Record<string, string> = {};
  for (const name of keep) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return { status, headers: kept, body: body.toString('base64') };
}

async function pixelPath(inboxPort: number): Promise<string | null> {
  // The demo launch emails its customers a few seconds after start; its pixel carries a genuine token.
  for (let attempt = 0; attempt < 120; attempt++) {
    const list = (await (await fetch(`http://127.0.0.1:${inboxPort}/messages`)).json()) as { id: number }[];
    for (const m of list) {
      const mail = (await (await fetch(`http://127.0.0.1:${inboxPort}/messages/${m.id}`)).json()) as { html?: string };
      const found = /\/o\/[A-Za-z0-9_.-]+/.exec(mail.html ?? '');
      if (found) return found[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

async function httpBench(databaseUrl: string): Promise<string[]> {
  const inboxPort = await freePort();
  const profileDir = PROFILE ? fs.mkdtempSync(path.join(os.tmpdir(), 'ck-bench-prof-')) : undefined;
  const app = await startApp({ DATABASE_URL: databaseUrl, MAIL_INBOX_PORT: String(inboxPort) }, { cpuProfileDir: profileDir });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const lines: string[] = [];
  try {
    const links = await db.query<{ code: string }>(
      `SELECT l.code FROM trackable_links l JOIN launches la ON la.id = l.launch_id
        WHERE l.asset_id IS NULL AND l.status = 'active' AND la.status = 'active' ORDER BY l.created_at, l.code LIMIT 2`,
    );
    if (links.rows.length === 0) throw new Error('the demo seed made no trackable link');
    // One link for the Node generator (its count of answers is exact), another for wrk (which stops mid-request).
    const exactCode = links.rows[0]!.code;
    const wrkCode = links.rows[1]?.code ?? exactCode;
    const [landing] = (await db.query<{ partner: string; kit: string }>(
      `SELECT p.slug AS partner, k.slug AS kit FROM launches la JOIN partners p ON p.id = la.partner_id JOIN kits k ON k.id = la.kit_id WHERE la.status = 'active' LIMIT 1`,
    )).rows;
    const pixel = await pixelPath(inboxPort);

    const answered = new Map<string, number>();
    const count = (code: string) => (r: LoadResult | number) => answered.set(code, (answered.get(code) ?? 0) + (typeof r === 'number' ? r : r.requests));
    const routes: Record<string, BareRoute> = {};
    for (const code of new Set([exactCode, wrkCode])) {
      const probe = await fetchOnce(app.port, `/l/${code}`, HEADERS);
      if (probe.status !== 302) throw new Error(`/l/${code} answered ${probe.status}`);
      count(code)(1);
      routes[`/l/${code}`] = route(302, probe.headers, probe.body, ['location', 'cache-control', 'set-cookie']);
    }
    const landingPath = landing ? `/p/${landing.partner}/${landing.kit}` : null;
    if (landingPath) {
      const probe = await fetchOnce(app.port, landingPath, HEADERS);
      routes[landingPath] = route(probe.status, probe.headers, probe.body, ['content-type', 'cache-control']);
    }
    if (pixel) {
      const probe = await fetchOnce(app.port, pixel, HEADERS);
      routes[pixel] = route(probe.status, probe.headers, probe.body, ['content-type', 'cache-control', 'pragma', 'expires']);
    }
    const bare = await startBare(routes);
    await settle(app);
    const logsBefore = app.logLines();

    const window = { from: 0n, to: 0n };
    const many = await compare(app, bare, `/l/${exactCode}`, `/l/${exactCode}`, 'many', 302, count(exactCode), window);
    console.log(line('bare node:http 302', many.bare.result, many.bare.cpuUsPerRequest));
    console.log(line('GET /l/:code, 32 addresses', many.app.result, many.app.cpuUsPerRequest));
    const one = await compare(app, bare, `/l/${wrkCode}`, `/l/${wrkCode}`, 'one', 302, count(wrkCode));
    console.log(line('bare node:http 302', one.bare.result, one.bare.cpuUsPerRequest));
    console.log(line('GET /l/:code, one address', one.app.result, one.app.cpuUsPerRequest));
    const open = pixel ? await compare(app, bare, pixel, pixel, 'many', 200, () => undefined) : null;
    if (open) {
      console.log(line('bare node:http pixel', open.bare.result, open.bare.cpuUsPerRequest));
      console.log(line('GET /o/:token', open.app.result, open.app.cpuUsPerRequest));
    } else console.log('no demo email with an open pixel arrived: open-pixel not measured');
    const page = landingPath ? await compare(app, bare, landingPath, landingPath, 'many', routes[landingPath]!.status, () => undefined) : null;
    if (page) {
      console.log(line('bare node:http static page', page.bare.result, page.bare.cpuUsPerRequest));
      console.log(line('GET /p/:partner/:kit', page.app.result, page.app.cpuUsPerRequest));
    }
    console.log(`server log lines written during the measured runs: ${app.logLines() - logsBefore}`);
    await bare.stop();

    // A clean stop flushes the buffered clicks; then every answered 302 must be a recorded click.
    const exit = await app.stop();
    const recorded = async (code: string) =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM link_clicks c JOIN trackable_links l ON l.id = c.link_id WHERE l.code = $1', [code])).rows[0]?.n ?? 0);
    const exactRecorded = await recorded(exactCode);
    const exactAnswered = answered.get(exactCode) ?? 0;
    console.log(`server exit code ${exit}; clicks answered ${exactAnswered}, recorded ${exactRecorded} (Node generator link)`);
    if (wrkCode !== exactCode) {
      console.log(`wrk link: ${answered.get(wrkCode)} answers counted by wrk, ${await recorded(wrkCode)} recorded (wrk drops the answers in flight when it stops)`);
    }

    if (profileDir) {
      const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        console.log(`CPU profile of the server (${path.join(profileDir, file)}), self time during GET /l/:code from 32 addresses:`);
        for (const l of summariseProfile(path.join(profileDir, file), Number(window.from), Number(window.to))) console.log(`  ${l}`);
      }
    }

    lines.push(benchLine('redirect-vs-bare', many.app.result.perSecond / many.bare.result.perSecond, 'ratio', '>=', 0.6));
    lines.push(benchLine('redirect-one-address-vs-bare', one.app.result.perSecond / one.bare.result.perSecond, 'ratio', '>=', 0.4));
    lines.push(benchLine('redirect-p99-vs-bare', many.app.result.p99Ms / Math.max(0.01, many.bare.result.p99Ms), 'ratio', '<=', 3));
    lines.push(benchLine('redirect-cpu-per-request', many.app.cpuUsPerRequest, 'us', '<=', 60));
    lines.push(benchLine('redirect-clicks-lost', exactAnswered - exactRecorded, 'count', '<=', 0));
    lines.push(open ? benchLine('open-pixel-vs-bare', open.app.result.perSecond / open.bare.result.perSecond, 'ratio', '>=', 0.6) : benchLine('open-pixel-vs-bare', 0, 'ratio', '>=', 0.6));
    lines.push(page ? benchLine('landing-vs-bare-static', page.app.result.perSecond / page.bare.result.perSecond, 'ratio', '>=', 0.4) : benchLine('landing-vs-bare-static', 0, 'ratio', '>=', 0.4));
    return lines;
  } finally {
    await app.stop();
    await db.end();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
}

async function countClicks(t: TestApp, linkId: string): Promise<number> {
  const [row] = await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM link_clicks WHERE link_id = $1', [linkId]);
  return Number(row?.n ?? 0);
}

async function ingestBench(t: TestApp, partnerId: string, partnerSlug: string): Promise<number> {
  const newLink = (assetKey: string) =>
    t.get(LinkService).createLink({
      partnerId,
      launchId: null,
      assetKey,
      medium: 'email',
      destinationUrl: 'https://vendor.example/',
      partnerSlug,
      campaignSlug: 'bench',
      fallbackUrl: null,
    });
  // Two links, so both writers start from no visitors and must reach the same outcome.
  const batchLink = await newLink('ingest-batch');
  const rowLink = await newLink('ingest-rows');
  const at = new Date();
  const click = (i: number, linkId: string): PendingClick => ({
    clickId: randomUUID(),
    linkId,
    partnerId,
    launchId: null,
    assetKey: 'ingest',
    at,
    ipHash: `visitor-${i % 500}`,
    uaFamily: 'Chrome',
    referrerHost: 'mail.example.com',
    country: null,
    outcome: 'redirect',
    bot: i % 10 === 0,
    scanner: false,
    flushed: false,
  });

  const recorder = t.get(ClickRecorder);
  let started = performance.now();
  for (let i = 0; i < INGEST_CLICKS; i++) recorder.record(click(i, batchLink.id));
  await recorder.flush();
  const batchMs = performance.now() - started;

  // The same ingestion done one click at a time: decide "unique" through the visitors table, then
  // write the click (what a naive writer of the same rows would do).
  started = performance.now();
  for (let i = 0; i < INGEST_CLICKS; i++) {
    const c = click(i, rowLink.id);
    let unique = false;
    if (!c.bot && !c.scanner) {
      const fresh = await t.db.query<unknown[]>(
        'INSERT INTO link_click_visitors (link_id, day, visitor) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
        [c.linkId, c.at.toISOString().slice(0, 10), `${c.ipHash}:${c.uaFamily}`],
      );
      unique = fresh.length > 0;
    }
    await t.db.query(
      `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, referrer_host, country, outcome, bot, scanner, is_unique)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [c.clickId, c.linkId, c.partnerId, c.launchId, c.assetKey, c.at, c.ipHash, c.uaFamily, c.referrerHost, c.country, c.outcome, c.bot, c.scanner, unique],
    );
  }
  const rowMs = performance.now() - started;
  for (const link of [batchLink, rowLink]) {
    const written = await countClicks(t, link.id);
    if (written !== INGEST_CLICKS) throw new Error(`expected ${INGEST_CLICKS} ingested clicks on ${link.code}, found ${written}`);
  }
  const uniques = await t.db.query<{ link_id: string; n: number }[]>(
    'SELECT link_id, count(*) FILTER (WHERE is_unique)::int AS n FROM link_clicks WHERE link_id = ANY($1::uuid[]) GROUP BY link_id',
    [[batchLink.id, rowLink.id]],
  );
  if (new Set(uniques.map((u) => u.n)).size !== 1) throw new Error(`the two writers disagree on unique clicks: ${JSON.stringify(uniques)}`);
  console.log(`batch writer           ${INGEST_CLICKS} clicks in ${batchMs.toFixed(0)} ms (${((INGEST_CLICKS / batchMs) * 1000).toFixed(0)} clicks/s)`);
  console.log(`row-per-click INSERT   ${INGEST_CLICKS} clicks in ${rowMs.toFixed(0)} ms (${((INGEST_CLICKS / rowMs) * 1000).toFixed(0)} clicks/s)`);
  console.log(`unique clicks          ${uniques[0]?.n ?? 0} from each writer`);
  return rowMs / batchMs;
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  try {
    const lines = await httpBench(database.url);
    console.log('(the machine may be shared with other work: rates are noisy; compare ratios)');
    for (const l of lines) console.log(l);
    process.env[ADMIN_URL_ENV] = database.adminUrl;
    process.env[TEMPLATE_DB_ENV] = await prepareTemplate(database.adminUrl);
    const t = await startTestApp({ env: { DATABASE_POOL_SIZE: '10' } });
    try {
      const partner = await makePartner(t);
      console.log(benchLine('click-ingest-vs-row-insert', await ingestBench(t, partner.id, partner.slug), 'ratio', '>=', 10));
    } finally {
      await t.close();
    }
  } finally {
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
