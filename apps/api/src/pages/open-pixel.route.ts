import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OpenTrackingService, PIXEL_GIF } from '@app/links';

const PIXEL_HEADERS = {
  'content-type': 'image/gif',
  'content-length': String(PIXEL_GIF.length),
  'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
  pragma: 'no-cache',
  expires: '0',
};

/**
 * `GET /o/*` (and HEAD): the open-tracking pixel. Always the same GIF; only a genuine token records
 * an open. Registered on Fastify directly, like the redirect: every email a partner sends loads it,
 * it is public, takes one path parameter the service verifies itself, and never throws a domain
 * error. A wildcard rather than `:token`: route parameters are capped at 100 characters and a token
 * with a long message reference can exceed that.
 */
@Injectable()
export class OpenPixelRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly opens: OpenTrackingService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.get('/o/*', { logLevel: 'warn', config: { hotPublicPath: true } }, (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
      this.opens.recordOpen(request.params['*'], { ip: request.ip, method: request.method, headers: request.headers });
      void reply.headers(PIXEL_HEADERS).send(PIXEL_GIF);
    });
  }
}
