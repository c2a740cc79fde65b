import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MessageRenderer, UnsubscribeTokens } from '@app/mailing';
import { Public } from '../auth/auth.decorators';
import { publicPage } from './public-page';

// The email's own markup (MJML output, escaped values): images and inline styles only.
const CSP = ["default-src 'none'", 'img-src https: http: data:', "style-src 'unsafe-inline' https://fonts.googleapis.com", 'font-src https://fonts.gstatic.com', "form-action 'none'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

/** `GET /v/:token`: the "view it in your browser" copy of a message, for its recipient's link only. */
@ApiExcludeController()
@Controller('v')
export class ViewInBrowserController {
  constructor(
    private readonly tokens: UnsubscribeTokens,
    private readonly renderer: MessageRenderer,
  ) {}

  @Public()
  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const messageId = this.tokens.verify(token);
    const html = messageId ? await this.renderer.viewInBrowser(messageId) : null;
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'private, no-store');
    if (!html) {
      await reply.status(404).send(publicPage('Message not found', '<p>This link does not match a message. Please check that you copied it completely.</p>'));
      return;
    }
    await reply.send(html);
  }
}
