import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { FastAnswer } from '@app/core';
import { OpenTrackingService, PIXEL_GIF } from '@app/links';

const PIXEL: FastAnswer = {
  status: 200,
  headers: {
    'content-type': 'image/gif',
    'cache-control': 'no-store, no-cache, must-revalidate, max-age=0',
    pragma: 'no-cache',
    expires: '0',
  },
  body: PIXEL_GIF,
};

/**
 * `GET /o/<token>` (and HEAD): the open-tracking pixel. Always the same GIF; only a genuine token
 * records an open. A fast path like the redirect (`FastPaths`): every email a partner sends loads
 * it, it is public, and its one segment is an HMAC-signed token the service verifies itself.
 */
@Injectable()
export class OpenPixelRoute implements OnModuleInit {
  private readonly logger = new Logger('OpenPixel');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly opens: OpenTrackingService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.fastPaths.add(
      '/o/',
      (request) => {
        this.opens.recordOpen(request.segment, { ip: request.ip, method: request.method, headers: request.headers });
        return PIXEL;
      },
      (error, request) => {
        // The pixel is served whatever happens to the open.
        this.logger.error(`open ${request.requestId} not recorded: ${error.message}`);
        return PIXEL;
      },
    );
  }
}
