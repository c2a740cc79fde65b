import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { publicPage } from './public-page';

/**
 * The top-level paths of the portal's own routes (apps/portal/src/routes.ts). Only these, and `/`,
 * answer with the portal's index.html: everything else (`/api`, `/l/`, `/p/`, `/u/`, `/v/`, `/o/`,
 * `/media/`, `/invite/`, `/health`, and any unknown path) keeps its own handler or the API's 404.
 */
export const PORTAL_SECTIONS = ['login', 'home', 'catalog', 'launches', 'library', 'deals', 'mdf', 'contacts', 'leads', 'profile', 'vendor', 'finance', 'forbidden'] as const;

/** Where `npm run portal:build` writes the portal, relative to the working directory (like ASSETS_DIR). */
export const PORTAL_DIST_DIR = path.resolve('apps', 'portal', 'dist');

/**
 * The portal's policy. Scripts only from this origin, never inline. Inline styles are allowed because
 * the co-branded previews (emails and landing pages in sandboxed srcdoc frames, which inherit this
 * policy) carry the inline CSS that MJML writes; their images may come from the vendor's CDN.
 */
const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data: https:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

const ASSET_NAME = /^[\w.-]{1,200}$/;

type Encoding = 'br' | 'gzip';
const ENCODED_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/** The precompressed encodings the client accepts, best first (a `q=0` refuses one). */
function acceptedEncodings(request: FastifyRequest): Encoding[] {
  const header = String(request.headers['accept-encoding'] ?? '').toLowerCase();
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name!.trim()),
  );
  return (['br', 'gzip'] as const).filter((e) => accepted.has(e));
}

/**
 * Serves the built portal (apps/portal/dist) at `/`: the hashed files under `/assets/` for a year
 * (their names change with their content), index.html for `/` and the portal's routes, never cached
 * (so a new build is picked up at once). Registered on Fastify directly: these are static files that
 * need no guard, pipe or filter. The files are read from disk per request, so a build made while the
 * server runs is served without a restart; without a build, `/` says how to make one.
 */
@Injectable()
export class PortalRoute implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const index = (_request: FastifyRequest, reply: FastifyReply) => this.sendIndex(reply);
    fastify.get('/', index);
    for (const section of PORTAL_SECTIONS) {
      fastify.get(`/${section}`, index);
      fastify.get(`/${section}/*`, index);
    }
    fastify.get('/assets/:name', (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => this.sendAsset(request, reply));
    // Precompressed copies are served through /assets/:name only, never by their own names.
    fastify.get('/favicon.svg', (_request: FastifyRequest, reply: FastifyReply) => this.sendFile(reply, path.join(PORTAL_DIST_DIR, 'favicon.svg'), 'no-cache'));
  }

  private async sendIndex(reply: FastifyReply): Promise<void> {
    let html: Buffer;
    try {
      html = await fs.promises.readFile(path.join(PORTAL_DIST_DIR, 'index.html'));
    } catch {
      await reply
        .code(503)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        .header('x-content-type-options', 'nosniff')
        .send(
          publicPage(
            'The portal is not built',
            '<p>The API is running (<a href="/api/docs">API docs</a>), but the web portal has not been built yet.</p>' +
              '<p>Build it with <code>npm run portal:build</code> (or restart with <code>npm start</code>, which builds it), then reload this page.</p>',
          ),
        );
      return;
    }
    await reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', PORTAL_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(html);
  }

  private async sendAsset(request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply): Promise<void> {
    const name = request.params.name;
    if (!ASSET_NAME.test(name) || name.startsWith('.')) return this.notFound(reply);
    return this.sendFile(reply, path.join(PORTAL_DIST_DIR, 'assets', name), 'public, max-age=31536000, immutable', acceptedEncodings(request));
  }

  private async sendFile(reply: FastifyReply, file: string, cacheControl: string, encodings: Encoding[] = []): Promise<void> {
    const type = CONTENT_TYPES[path.extname(file)];
    const stat = type ? await fs.promises.stat(file).catch(() => null) : null;
    if (!type || !stat?.isFile()) return this.notFound(reply);
    // The build wrote Brotli and gzip copies beside scripts and styles: send the best one the client takes.
    for (const encoding of encodings) {
      const compressed = `${file}${ENCODED_SUFFIX[encoding]}`;
      const packed = await fs.promises.stat(compressed).catch(() => null);
      if (!packed?.isFile()) continue;
      await reply
        .header('content-type', type)
        .header('content-encoding', encoding)
        .header('content-length', String(packed.size))
        .header('vary', 'accept-encoding')
        .header('cache-control', cacheControl)
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(compressed));
      return;
    }
    await reply
      .header('content-type', type)
      .header('content-length', String(stat.size))
      .header('cache-control', cacheControl)
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding')
      .send(fs.createReadStream(file));
  }

  /** The API's own 404 (the error shape), as for any unknown path. */
  private notFound(reply: FastifyReply): void {
    reply.callNotFound();
  }
}
