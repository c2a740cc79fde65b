/**
 * `npm run bench:assets`, loopback only, bounded in time and size:
 *
 * 1. Library upload, streamed: a 256 MiB video posted as multipart to the API (type sniffed,
 *    SHA-256 and byte count on the fly, multipart upload to the S3 server, version row, type icon)
 *    against the same bytes streamed straight into storage, in the same run. The process's peak
 *    live memory growth (heap and Buffers, sampled after a collection) during the API upload, as a share of the file size, shows
 *    nothing buffers the file.
 * 2. The expiry sweep over 100,000 assets: the same 1,000 due assets are swept (status changes,
 *    warning notices written, one digest) among 10,000 and among 100,000 assets; the due query's
 *    plan is printed and must use its partial index.
 *
 * Without DATABASE_URL it runs on an embedded cluster with fsync on (see ./app.ts).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AssetLifecycleService } from '@app/assets';
import { StorageService } from '@app/core';
import { makeUser, TestApp, TestUser } from '@app/testing';
import { runBench } from './app';
import { benchLine } from './load';

const FILE_MIB = 256;
const CHUNK = 1024 * 1024;
const DUE = 1_000;

/** An MP4-looking stream of `mib` MiB: an `ftyp` box, then incompressible bytes, generated as it is read. */
function videoStream(mib: number): Readable {
  const block = randomBytes(CHUNK);
  const head = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(12)]);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === mib) return this.push(null);
      this.push(sent === 0 ? Buffer.concat([head, block.subarray(head.length)]) : block);
      sent++;
    },
  });
}

v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Live JavaScript heap plus Buffer memory, after a collection: what a buffered upload would grow.
 * (RSS keeps the allocator's high-water mark, and uncollected request chunks are garbage, not held.)
 */
const inUse = () => {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

function memorySampler(): { stop: () => number } {
  const start = inUse();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, inUse())), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(0, Math.max(peak, inUse()) - start);
    },
  };
}

/** A multipart upload of an MP4-looking file generated as it is sent, with backpressure (argv: port, asset id, auth, MiB). */
const UPLOAD_CLIENT = `
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const [port, assetId, auth, mib] = process.argv.slice(1);
const boundary = '----ckbench' + Date.now();
const block = randomBytes(1024 * 1024);
block.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d], 0);
const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/api/v1/assets/' + assetId + '/versions',
  headers: { authorization: auth, 'content-type': 'multipart/form-data; boundary=' + boundary } }, (res) => {
  let body = '';
  res.on('data', (c) => (body += c));
  res.on('end', () => { process.stdout.write(res.statusCode + ' ' + body); });
});
req.write('--' + boundary + '\\r\\ncontent-disposition: form-data; name="file"; filename="launch.mp4"\\r\\ncontent-type: video/mp4\\r\\n\\r\\n');
let sent = 0;
(function next() {
  while (sent < Number(mib)) {
    sent++;
    if (!req.write(block)) return req.once('drain', next);
  }
  req.end('\\r\\n--' + boundary + '--\\r\\n');
})();
`;

async function uploadBench(t: TestApp, marketer: TestUser): Promise<{ apiMibS: number; directMibS: number; memoryShare: number }> {
  const created = await t.http().post('/api/v1/assets').set('authorization', marketer.auth).send({ title: 'Launch video', type: 'video' }).expect(201);
  const assetId = (created.body as { id: string }).id;
  await t.app.listen(0, '127.0.0.1');
  const port = (t.app.getHttpServer().address() as AddressInfo).port;

  // The client runs in its own process, so only the server's memory is measured here.
  const upload = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', UPLOAD_CLIENT, String(port), assetId, marketer.auth, String(FILE_MIB)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0 || !out.startsWith('201')) throw new Error(`upload answered ${out.slice(0, 500)}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const direct = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    await t.get(StorageService).putStream(`bench/${randomUUID()}.mp4`, videoStream(FILE_MIB), 'video/mp4');
    return Number(process.hrtime.bigint() - started) / 1e9;
  };

  // Warm-up of both paths, then alternate and keep each one's best.
  await upload();
  await direct();
  const sampler = memorySampler();
  const apiSeconds = Math.min(await upload(), await upload());
  const rss = sampler.stop();
  const directSampler = memorySampler();
  const directSeconds = Math.min(await direct(), await direct());
  const directRss = directSampler.stop();
  console.log(`peak memory growth (heap + buffers): API upload ${(rss / CHUNK).toFixed(0)} MiB, straight to storage ${(directRss / CHUNK).toFixed(0)} MiB`);
  return { apiMibS: FILE_MIB / apiSeconds, directMibS: FILE_MIB / directSeconds, memoryShare: rss / (FILE_MIB * CHUNK) };
}

async function sweepBench(t: TestApp, owner: TestUser): Promise<{ ratio: number; usesIndex: boolean; small: number; large: number }> {
  const now = t.clock.now();
  const fill = async (n: number): Promise<void> => {
    await t.db.query(
      `INSERT INTO assets (title, type, owner_user_id, publish_at, expires_at, status, next_transition_at)
       SELECT 'Filler ' || g, 'datasheet', $1, $2::timestamptz - interval '30 days', $2::timestamptz + interval '400 days', 'live', $2::timestamptz + interval '370 days'
         FROM generate_series(1, $3) g`,
      [owner.user.id, now, n],
    );
  };
  await t.db.query(
    `INSERT INTO assets (title, type, owner_user_id, publish_at, expires_at, status, next_transition_at)
     SELECT 'Due ' || g, 'datasheet', $1, $2::timestamptz - interval '30 days', $2::timestamptz + interval '20 days', 'live', $2::timestamptz
       FROM generate_series(1, $3) g`,
    [owner.user.id, now, DUE],
  );
  const reset = async () => {
    await t.db.query(`DELETE FROM asset_notices`);
    await t.db.query(`UPDATE assets SET status = 'live', next_transition_at = $1 WHERE title LIKE 'Due %'`, [now]);
    await t.db.query('VACUUM ANALYZE assets');
  };
  const timed = async (): Promise<number> => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      await reset();
      const started = process.hrtime.bigint();
      const result = await t.get(AssetLifecycleService).sweep();
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
      if (result.processed !== DUE) throw new Error(`sweep handled ${result.processed}, expected ${DUE}`);
    }
    return best;
  };
  await fill(10_000 - DUE);
  const small = await timed();
  await fill(90_000);
  const large = await timed();
  await reset();
  const plan = await t.db.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN SELECT id FROM assets WHERE next_transition_at <= $1 ORDER BY next_transition_at, id LIMIT 100 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  const text = plan.map((p) => p['QUERY PLAN']).join('\n');
  console.log(text);
  return { ratio: large / small, usesIndex: text.includes('assets_transition_idx'), small, large };
}

runBench({ APP_ROLE: 'api', DATABASE_POOL_SIZE: '10' }, async (t) => {
  const marketer = await makeUser(t, 'vendor_marketer');
  const upload = await uploadBench(t, marketer);
  console.log(`${FILE_MIB} MiB video: API upload ${upload.apiMibS.toFixed(0)} MiB/s, straight to storage ${upload.directMibS.toFixed(0)} MiB/s`);
  const sweep = await sweepBench(t, marketer);
  console.log(`sweep of ${DUE} due assets: ${sweep.small.toFixed(0)} ms among 10,000, ${sweep.large.toFixed(0)} ms among 100,000`);
  console.log(benchLine('upload-vs-direct-storage', upload.apiMibS / upload.directMibS, 'ratio', '>=', 0.5));
  console.log(benchLine('upload-peak-memory-vs-file-size', upload.memoryShare, 'ratio', '<=', 0.25));
  console.log(benchLine('asset-sweep-100k-vs-10k', sweep.ratio, 'ratio', '<=', 1.5));
  console.log(benchLine('asset-sweep-uses-index', sweep.usesIndex ? 1 : 0, 'bool', '>=', 1));
});
