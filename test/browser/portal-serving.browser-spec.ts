import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { PORTAL_DIST_DIR } from '@app/api';
import { BrowserWorld, browserWorld } from './browser';

function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('portal files: compressed once at build, served by what the browser accepts', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await browserWorld();
  });
  afterAll(() => w.close());

  it('sends the main script as Brotli, gzip or plain, always the bytes the build wrote', async () => {
    const index = (await get(`${w.baseUrl}/`, {})).body.toString();
    const script = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(index)![1]!;
    const built = fs.readFileSync(path.join(PORTAL_DIST_DIR, 'assets', script));

    const br = await get(`${w.baseUrl}/assets/${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.body.length).toBeLessThan(built.length / 3);
    expect(zlib.brotliDecompressSync(br.body).equals(built)).toBe(true);

    const gzip = await get(`${w.baseUrl}/assets/${script}`, { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(built)).toBe(true);

    const plain = await get(`${w.baseUrl}/assets/${script}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(built)).toBe(true);
    // The compressed copies are not files of their own.
    expect((await get(`${w.baseUrl}/assets/${script}.br`, {})).status).toBe(404);
  });
});
