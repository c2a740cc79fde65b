import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '@app/core';
import { UnsubscribeService } from '@app/mailing';
import { Public } from '../auth/auth.decorators';
import { publicPage } from './public-page';

// The landing page's headers, tightened to what this page uses: no images, no fonts, one form
// posting back here. No referrer either: the token is in the URL.
const CSP = ["default-src 'none'", "style-src 'unsafe-inline'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

const NOT_FOUND = publicPage('Link not found', '<p>This unsubscribe link is not valid. Please check that you copied it completely.</p>');

/**
 * `/u/:token`, the link in every message and its List-Unsubscribe header. GET only shows a
 * confirmation form (mail scanners prefetch links); POST unsubscribes: the RFC 8058 one-click
 * request of a mail client (`List-Unsubscribe=One-Click`, no cookies) and the page's own form
 * (`scope=all` stops mail from every partner) alike.
 */
@ApiExcludeController()
@Controller('u')
export class UnsubscribePageController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Public()
  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    headers(reply);
    const preview = await this.unsubscribes.preview(token);
    if (!preview) {
      await reply.status(404).send(NOT_FOUND);
      return;
    }
    const partner = escapeHtml(preview.partnerName);
    const note = preview.alreadyUnsubscribed ? `<p>This address is already unsubscribed from ${partner}.</p>` : '';
    await reply.send(
      publicPage(
        'Unsubscribe',
        `${note}<p>You will no longer receive emails from <strong>${partner}</strong>.</p>
<form method="post" action="/u/${escapeHtml(token)}">
<p><label><input type="checkbox" name="scope" value="all" style="width:auto;margin:0 .5rem 0 0">Stop all email sent through this platform, from every partner</label></p>
<button type="submit">Unsubscribe</button>
</form>`,
        { form: true },
      ),
    );
  }

  @Public()
  @Post(':token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    headers(reply);
    const body = request.body as Record<string, unknown> | null | undefined;
    const scope = typeof body === 'object' && body !== null && body.scope === 'all' ? 'all' : 'partner';
    const outcome = await this.unsubscribes.unsubscribe(token, scope, String(request.id));
    if (!outcome) {
      await reply.status(404).send(NOT_FOUND);
      return;
    }
    const message =
      outcome.scope === 'all'
        ? '<p>You will no longer receive any email sent through this platform, from any partner.</p>'
        : `<p>You will no longer receive emails from <strong>${escapeHtml(outcome.partnerName)}</strong>.</p>`;
    await reply.send(publicPage('You are unsubscribed', message));
  }
}

function headers(reply: FastifyReply): void {
  void reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
}
