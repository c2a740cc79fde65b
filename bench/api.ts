/**
 * `npm run bench:api`: throughput of an authenticated API read (bearer token → principal → scoped
 * partner read → JSON) against a bare node:http server answering a Map lookup with JSON, both on
 * this machine in the same run. Reports requests/s and p99 of each, then the ratio.
 *
 * The read costs two PostgreSQL round trips (token + user in one query, then the partner); those,
 * not the framework, set the ratio. The target guards against per-request work creeping in.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@app/core';
import { ADMIN_URL_ENV, makePartner, makeUser, prepareTemplate, startTestApp, TEMPLATE_DB_ENV } from '@app/testing';
import { benchLine, load } from './load';

const CONNECTIONS = 32;
const DURATION_MS = 8_000;
const WARMUP_MS = 1_500;

async function main(): Promise<void> {
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'channelkit-bench-pg'), port: 54398 });
  const adminUrl = process.env.DATABASE_URL ?? pg!.url('postgres');
  process.env[ADMIN_URL_ENV] = adminUrl;
  process.env[TEMPLATE_DB_ENV] = await prepareTemplate(adminUrl);

  const t = await startTestApp({ env: { DATABASE_POOL_SIZE: '10' } });
  const partner = await makePartner(t);
  const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/api/v1/partners/${partner.id}`;

  const records = new Map([[partner.id, { id: partner.id, name: partner.name, slug: partner.slug }]]);
  const bare = http.createServer((req, res) => {
    const record = records.get(req.url?.split('/').pop() ?? '');
    res.writeHead(record ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(record ?? {}));
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/partners/${partner.id}`;

  const headers = { authorization: admin.auth };
  await load({ url: bareUrl, connections: CONNECTIONS, durationMs: WARMUP_MS, expectStatus: 200 });
  await load({ url: appUrl, headers, connections: CONNECTIONS, durationMs: WARMUP_MS, expectStatus: 200 });
  const baseline = await load({ url: bareUrl, connections: CONNECTIONS, durationMs: DURATION_MS, expectStatus: 200 });
  const api = await load({ url: appUrl, headers, connections: CONNECTIONS, durationMs: DURATION_MS, expectStatus: 200 });

  console.log(`bare node:http   ${baseline.perSecond.toFixed(0)} req/s  p50 ${baseline.p50Ms.toFixed(2)} ms  p99 ${baseline.p99Ms.toFixed(2)} ms  errors ${baseline.errors}`);
  console.log(`authenticated    ${api.perSecond.toFixed(0)} req/s  p50 ${api.p50Ms.toFixed(2)} ms  p99 ${api.p99Ms.toFixed(2)} ms  errors ${api.errors}`);
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  await t.close();
  await pg?.stop();
  console.log(benchLine('api-auth-read-vs-bare', api.perSecond / baseline.perSecond, 'ratio', '>=', 0.1));
  console.log(benchLine('api-auth-read-errors', api.errors, 'count', '<=', 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
