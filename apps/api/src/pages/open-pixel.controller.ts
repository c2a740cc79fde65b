import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OpenTrackingService, PIXEL_GIF } from '@app/links';
import { Public } from '../auth/auth.decorators';

/** `GET /o/:token`: the open-tracking pixel. Always the same GIF; only a genuine token records an open. */
@ApiExcludeController()
@Controller('o')
export class OpenPixelController {
  constructor(private readonly opens: OpenTrackingService) {}

  @Public()
  // A wildcard, not `:token`: route parameters are capped at 100 characters and a token with a long
  // message reference can exceed that.
  @Get('*')
  pixel(@Param('*') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.opens.recordOpen(token, { ip: request.ip, method: request.method, headers: request.headers });
    void reply
      .header('content-type', 'image/gif')
      .header('content-length', String(PIXEL_GIF.length))
      .header('cache-control', 'no-store, no-cache, must-revalidate, max-age=0')
      .header('pragma', 'no-cache')
      .header('expires', '0')
      .send(PIXEL_GIF);
  }
}
