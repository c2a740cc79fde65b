import net from 'node:net';
import { startTestApp, TestApp } from '@app/testing';

/** Slow or idle clients cannot hold a socket past the configured deadlines (HTTP_*_TIMEOUT_MS). */
describe('HTTP socket deadlines', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '300' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as net.AddressInfo).port;
  });
  afterAll(() => t.close());

  /** Sends the request line, then one header line every `everyMs` for `lines` lines; resolves with what happened. */
  function trickle(lines: number, everyMs: number): Promise<{ linesSent: number; answer: string; closedByServer: boolean }> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let answer = '';
      let linesSent = 0;
      let closedByServer = true;
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('error', () => undefined);
      socket.on('connect', () => {
        socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
        const timer = setInterval(() => {
          if (socket.destroyed || socket.writableEnded) return;
          if (linesSent === lines) {
            clearInterval(timer);
            closedByServer = false;
            socket.end();
            return;
          }
          socket.write(`X-Slow-${linesSent}: ${'x'.repeat(10)}\r\n`);
          linesSent++;
        }, everyMs);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ linesSent, answer, closedByServer });
        });
      });
    });
  }

  it('cuts a client that sends its headers slowly, with 408, long before it finishes', async () => {
    // 200 header lines at one per 50 ms would hold the socket for 10 s; the deadline is 400 ms.
    const slow = await trickle(200, 50);
    expect(slow.closedByServer).toBe(true);
    expect(slow.linesSent).toBeLessThan(200);
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('still answers a client that sends its request at once', async () => {
    const res = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(res).toMatch(/^HTTP\/1\.1 (200|503)/);
  });

  it('closes an idle keep-alive connection after the keep-alive deadline', async () => {
    const closed = await new Promise<{ answers: number; closedByServer: boolean }>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n'));
      let answers = 0;
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (answers += chunk.match(/^HTTP\/1\.1 /gm)?.length ?? 0));
      socket.on('error', () => undefined);
      // Far longer than the 300 ms keep-alive: if the server never closes it, the test ends it.
      const giveUp = setTimeout(() => {
        socket.destroy();
        resolve({ answers, closedByServer: false });
      }, 20_000);
      socket.on('end', () => {
        clearTimeout(giveUp);
        resolve({ answers, closedByServer: true });
      });
    });
    expect(closed).toEqual({ answers: 1, closedByServer: true });
  });
});
