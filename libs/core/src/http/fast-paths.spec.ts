import fastify from 'fastify';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { clientIp, FastPaths } from './fast-paths';

describe('clientIp', () => {
  const chains = ['', '203.0.113.9', '203.0.113.9, 10.0.0.2', '198.51.100.1,203.0.113.9, 10.0.0.2', ' 198.51.100.1 , 203.0.113.9 '];

  it.each([0, 1, 2, 3, 5])('reads the client through %i trusted proxies as Fastify does', async (hops) => {
    const app = fastify({ trustProxy: hops > 0 ? hops : false });
    app.get('/ip', (request) => ({ ip: request.ip }));
    for (const xff of chains) {
      const res = await app.inject({ url: '/ip', remoteAddress: '10.0.0.1', headers: xff ? { 'x-forwarded-for': xff } : {} });
      const expected = (res.json<{ ip: string }>()).ip;
      expect({ xff, ip: clientIp({ socket: { remoteAddress: '10.0.0.1' }, headers: xff ? { 'x-forwarded-for': xff } : {} } as never, hops) }).toEqual({ xff, ip: expected });
    }
    await app.close();
  });
});

describe('FastPaths', () => {
  let server: http.Server;
  let base: string;
  const paths = new FastPaths(0);
  paths.add(
    '/l/',
    (request) => (request.segment === 'boom' ? Promise.reject(new Error('boom')) : { status: 302, headers: { location: `https://example.test/${request.segment}?${request.query}` } }),
    () => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'failed' }),
  );

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (paths.handle(req, res)) return;
      res.writeHead(404, { 'x-handled-by': 'fallback' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers its one-segment GETs with a request id, keeping a sane incoming one', async () => {
    const res = await fetch(`${base}/l/abc?m=1`, { redirect: 'manual', headers: { 'x-request-id': 'req-42' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.test/abc?m=1');
    expect(res.headers.get('x-request-id')).toBe('req-42');
    const fresh = await fetch(`${base}/l/abc`, { redirect: 'manual', headers: { 'x-request-id': 'not ok; '.repeat(20) } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hands anything else to the framework: other methods, deeper paths, an empty segment, other prefixes', async () => {
    for (const [method, url] of [['POST', '/l/abc'], ['GET', '/l/abc/def'], ['GET', '/l/'], ['GET', '/p/abc']] as const) {
      const res = await fetch(`${base}${url}`, { method, redirect: 'manual' });
      expect({ method, url, by: res.headers.get('x-handled-by') }).toEqual({ method, url, by: 'fallback' });
    }
  });

  it('answers a failed handler with its error answer, and HEAD without a body', async () => {
    const failed = await fetch(`${base}/l/boom`);
    expect([failed.status, await failed.text()]).toEqual([500, 'failed']);
    const head = await fetch(`${base}/l/boom`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([500, '6', '']);
  });

  it('stops answering once closing starts, so the framework can refuse and drain', async () => {
    const closing = new FastPaths(0);
    closing.add('/l/', () => ({ status: 302, headers: {} }), () => ({ status: 500, headers: {} }));
    closing.close();
    expect(closing.handle({ method: 'GET', url: '/l/abc', headers: {} } as never, {} as never)).toBe(false);
  });
});
