/**
 * `npm run bench:links`, loopback only, bounded in time and size:
 *
 * 1. Redirect throughput: `GET /l/:code` on the real app (cache hit, UA parse, salted IP hash, click
 *    buffered, cookie) against a bare node:http server doing a Map lookup and a 302, same run,
 *    same client. After the run the buffer is flushed and the recorded clicks must equal the
 *    redirects answered (warm-up included).
 * 2. Click ingestion: N buffered clicks drained by the ClickRecorder's batch writer against the
 *    same N written by a row-per-click loop doing the same work (the unique-visitor check, then
 *    the insert); both must end with the same rows and the same unique count.
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on, as production PostgreSQL runs:
 * the development cluster's fsync=off would make every per-row commit unrealistically cheap.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { ClickRecorder, LinkService, PendingClick } from '@app/links';
import { makePartner, TestApp } from '@app/testing';
import { runBench } from './app';
import { benchLine, load } from './load';

const CONNECTIONS = 32;
const DURATION_MS = 8_000;
const WARMUP_MS = 1_500;
const INGEST_CLICKS = 10_000;
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

async function countClicks(t: TestApp, linkId: string): Promise<number> {
  const [row] = await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM link_clicks WHERE link_id = $1', [linkId]);
  return Number(row?.n ?? 0);
}

async function redirectBench(t: TestApp, partnerId: string, partnerSlug: string): Promise<{ ratio: number; sent: number; recorded: number }> {
  const link = await t.get(LinkService).createLink({
    partnerId,
    launchId: null,
    assetKey: 'bench',
    medium: 'email',
    destinationUrl: 'https://vendor.example/offer?id=1',
    partnerSlug,
    campaignSlug: 'bench',
    fallbackUrl: null,
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/l/${link.code}`;

  const targets = new Map([[link.code, 'https://vendor.example/offer?id=1&utm_source=x&utm_medium=email&utm_campaign=bench&utm_content=bench']]);
  const bare = http.createServer((req, res) => {
    const location = targets.get(req.url?.split('/').pop() ?? '');
    if (location) res.writeHead(302, { location });
    else res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/l/${link.code}`;

  const headers = { 'user-agent': UA };
  await load({ url: bareUrl, headers, connections: CONNECTIONS, durationMs: WARMUP_MS, expectStatus: 302 });
  const warm = await load({ url: appUrl, headers, connections: CONNECTIONS, durationMs: WARMUP_MS, expectStatus: 302 });
  const baseline = await load({ url: bareUrl, headers, connections: CONNECTIONS, durationMs: DURATION_MS, expectStatus: 302 });
  const ours = await load({ url: appUrl, headers, connections: CONNECTIONS, durationMs: DURATION_MS, expectStatus: 302 });
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  await t.get(ClickRecorder).flush();

  console.log(`bare node:http 302     ${baseline.perSecond.toFixed(0)} req/s  p50 ${baseline.p50Ms.toFixed(2)} ms  p99 ${baseline.p99Ms.toFixed(2)} ms  errors ${baseline.errors}`);
  console.log(`GET /l/:code (record)  ${ours.perSecond.toFixed(0)} req/s  p50 ${ours.p50Ms.toFixed(2)} ms  p99 ${ours.p99Ms.toFixed(2)} ms  errors ${ours.errors}`);
  const sent = warm.requests + ours.requests;
  const recorded = await countClicks(t, link.id);
  console.log(`clicks sent ${sent} (answered 302, warm-up included)  clicks recorded ${recorded}`);
  return { ratio: ours.perSecond / baseline.perSecond, sent, recorded };
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

runBench({ DATABASE_POOL_SIZE: '10' }, async (t) => {
  const partner = await makePartner(t);
  const redirect = await redirectBench(t, partner.id, partner.slug);
  const ingest = await ingestBench(t, partner.id, partner.slug);
  console.log(benchLine('redirect-vs-bare', redirect.ratio, 'ratio', '>=', 0.7));
  console.log(benchLine('redirect-clicks-lost', redirect.sent - redirect.recorded, 'count', '<=', 0));
  console.log(benchLine('click-ingest-vs-row-insert', ingest, 'ratio', '>=', 10));
});
