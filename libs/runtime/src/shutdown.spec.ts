import { LoggerService } from '@nestjs/common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { shutDown } from './shutdown';

/** Real HTTP server and client on loopback; the Nest app is left out (the e2e suite drives the whole launcher). */
describe('shutDown', () => {
  const errors: string[] = [];
  const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (message: string) => void errors.push(message) };
  let release: () => void = () => undefined;
  let arrived: Promise<void>;
  let onArrival: () => void = () => undefined;
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    errors.length = 0;
    arrived = new Promise((r) => (onArrival = r));
    server = http.createServer((req, res) => {
      if (req.url === '/slow') {
        release = () => res.end('late');
        onArrival();
        return;
      }
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  function get(path: string, agent: http.Agent): Promise<{ status: number; connection: string | undefined }> {
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        })
        .on('error', reject);
    });
  }

  it('answers the request in flight, refuses new connections, stops the embedded parts and exits 0', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let embeddedStopped = false;
    const inFlight = get('/slow', agent);
    await arrived;
    const done = shutDown({ app: undefined, server, stopEmbedded: async () => void (embeddedStopped = true), timeoutMs: 5_000, logger });
    await expect(get('/', new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
    release();
    expect((await inFlight).status).toBe(200);
    expect(await done).toBe(0);
    expect(embeddedStopped).toBe(true);
    expect(errors).toEqual([]);
    agent.destroy();
  });

  it('gives up at the deadline, names what it abandoned, still stops the embedded parts and exits 1', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let embeddedStopped = false;
    const inFlight = get('/slow', agent).catch(() => null);
    await arrived;
    const code = await shutDown({ app: undefined, server, stopEmbedded: async () => void (embeddedStopped = true), timeoutMs: 1_000, logger });
    expect(code).toBe(1);
    expect(embeddedStopped).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/deadline of 1000 ms passed while answering in-flight requests/);
    expect(errors[0]).toMatch(/1 open HTTP connections/);
    release();
    await inFlight;
    agent.destroy();
  });
});
