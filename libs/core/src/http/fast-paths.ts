import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The id of a request: a sane incoming `X-Request-Id` is kept (a proxy's, a client's), else a fresh UUID. */
export function requestIdOf(headers: IncomingMessage['headers']): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** What a fast path learns of its request: the one path segment after its prefix, the query, the client. */
export interface FastRequest {
  method: 'GET' | 'HEAD';
  /** The path segment after the prefix (no `/` in it). */
  segment: string;
  /** The raw query string without `?` (empty when none). */
  query: string;
  /** The client address, through exactly `TRUST_PROXY_HOPS` proxies (as Fastify's `request.ip`). */
  ip: string;
  headers: IncomingMessage['headers'];
  requestId: string;
}

export interface FastAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body?: string | Buffer;
}

export type FastPathHandler = (request: FastRequest) => FastAnswer | Promise<FastAnswer>;

/**
 * Public GET/HEAD routes answered by node:http itself, ahead of Fastify: the trackable-link redirect
 * and the open pixel, which every email a partner sends multiplies and which mail scanners hit
 * from a handful of addresses. Each takes one path segment it checks itself, never reads a body,
 * never needs a session, and answers from memory on its hot path; Fastify's routing, hooks and
 * reply machinery would be most of their cost (`npm run bench:links`). Everything else, and any
 * request here while the server is closing (Fastify then answers 503 and closes the connection),
 * goes to Fastify. The socket deadlines are the server's, so they hold here too; the request id
 * rule is Fastify's (`requestIdOf`, which the HTTP shell gives Fastify too).
 */
export class FastPaths {
  private readonly routes: { prefix: string; handler: FastPathHandler; onError: (error: Error, request: FastRequest) => FastAnswer }[] = [];
  private closing = false;

  constructor(private readonly trustProxyHops: number) {}

  /** `prefix` ends with `/`: `/l/` serves `/l/<segment>`. */
  add(prefix: string, handler: FastPathHandler, onError: (error: Error, request: FastRequest) => FastAnswer): void {
    this.routes.push({ prefix, handler, onError });
  }

  /** From now on every request goes to Fastify, which refuses new work while it closes. */
  close(): void {
    this.closing = true;
  }

  /** Answers the request when it is one of ours; false hands it to Fastify. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    if ((method !== 'GET' && method !== 'HEAD') || this.closing) return false;
    const url = req.url ?? '';
    for (const route of this.routes) {
      if (!url.startsWith(route.prefix)) continue;
      const q = url.indexOf('?', route.prefix.length);
      const segment = url.slice(route.prefix.length, q === -1 ? undefined : q);
      if (segment === '' || segment.includes('/')) return false;
      const request: FastRequest = {
        method,
        segment,
        query: q === -1 ? '' : url.slice(q + 1),
        ip: clientIp(req, this.trustProxyHops),
        headers: req.headers,
        requestId: requestIdOf(req.headers),
      };
      let answer: FastAnswer | Promise<FastAnswer>;
      try {
        answer = route.handler(request);
      } catch (error) {
        answer = route.onError(error as Error, request);
      }
      if (answer instanceof Promise) {
        answer.then(
          (a) => send(res, request, a),
          (error: Error) => send(res, request, route.onError(error, request)),
        );
      } else send(res, request, answer);
      return true;
    }
    return false;
  }
}

/** Headers as node:http's flat list (name, value, name, value…): no object of varying shape to walk per request. */
function send(res: ServerResponse, request: FastRequest, answer: FastAnswer): void {
  const body = answer.body === undefined ? '' : answer.body;
  const headers: string[] = [];
  let length = false;
  for (const name in answer.headers) {
    headers.push(name, answer.headers[name]!);
    if (name === 'content-length') length = true;
  }
  headers.push('x-request-id', request.requestId);
  if (!length) headers.push('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length));
  res.writeHead(answer.status, headers);
  res.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * The client address as a proxy chain of `hops` trusted proxies reports it: the socket's peer, then
 * `X-Forwarded-For` read from the right, taking the entry `hops` steps away (or the furthest there
 * is). The same rule as Fastify's `trustProxy: <hops>`.
 */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, hops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (hops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(hops, chain.length - 1)]!;
}
