/**
 * `npm run bench:portal`: what a first visit to the portal downloads. Builds the portal, starts the
 * app, and fetches `/` and every script and style sheet the page loads before any route's own code
 * (the entry chunk and its static imports; each page loads with its route, charting code only with
 * a dashboard), once as a browser does (Accept-Encoding: br, gzip) and once without compression,
 * in the same run.
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { runBench } from './app';
import { benchLine } from './load';

function get(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; bytes: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ headers: res.headers, bytes: body.length, body: body.toString('latin1'), ms: Number(process.hrtime.bigint() - started) / 1e6 });
        });
      })
      .on('error', reject);
  });
}

const build = spawnSync('npm', ['run', 'portal:build', '--silent'], { stdio: 'inherit', cwd: path.join(__dirname, '..') });
if (build.status !== 0) process.exit(build.status ?? 1);

runBench({ DATABASE_POOL_SIZE: '5' }, async (t) => {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const visit = async (headers: Record<string, string>) => {
    const index = await get(`${base}/`, headers);
    const files = [...index.body.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    let bytes = index.bytes;
    for (const file of files) bytes += (await get(`${base}${file}`, headers)).bytes;
    return { bytes, files };
  };
  await visit({ 'accept-encoding': 'br, gzip' });
  const compressed = await visit({ 'accept-encoding': 'br, gzip' });
  const plain = await visit({});
  console.log(`first visit: ${compressed.files.join(', ')}`);
  console.log(`transferred ${(compressed.bytes / 1024).toFixed(1)} KiB compressed, ${(plain.bytes / 1024).toFixed(1)} KiB without compression`);
  console.log(benchLine('portal-first-visit', compressed.bytes / 1024, 'KiB', '<=', 100));
  console.log(benchLine('portal-first-visit-vs-uncompressed', compressed.bytes / plain.bytes, 'ratio', '<=', 0.35));
});
